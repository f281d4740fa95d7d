# comments
# Comentar: el formulario de comentario, sus respuestas, los enlaces
# enviados por correo, la discusión bajo cada cláusula y seguir una norma.

# Comunes a los formularios.
form-error-prefix = Error:{ " " }
form-breadcrumb = Ruta de navegación
form-honeypot = Deje este campo vacío
form-email = Su dirección de correo electrónico
comment-go-to-standards = Ir a la lista de normas

# subscriptions/*.html y las respuestas de web/subscriptions.rs
sub-form-title = Seguir { $title } por correo electrónico
sub-form-crumb = Seguir por correo electrónico
sub-form-intro = Le escribiremos cuando se publique un nuevo borrador y cuando un período de comentarios se abra, se cierre antes de tiempo o se prorrogue. Nada más.
sub-form-error-title = Todavía no está suscrito: corrija este problema
sub-form-email-hint = Nunca se muestra a nadie. Primero enviamos un enlace para confirmar que es suya.
sub-back-to = Volver a { $title }
sub-go-to = Ir a { $title }
sub-confirm-title = Confirmar: escríbanme sobre { $title }
sub-confirm-intro = Alguien, probablemente usted, pidió recibir correos sobre { $title }: nuevos borradores, y cuándo un período de comentarios se abre, se cierra antes de tiempo o se prorroga. No se envía nada hasta que usted confirme aquí.
sub-confirm-button = Confirmar y empezar a recibir los correos
sub-confirm-not-you = Si no fue usted, cierre esta página: no se enviará nada más.
sub-unsubscribed = Suscripción cancelada
sub-unsubscribed-text = Ya no le escribiremos sobre { $title }. Para seguirla de nuevo,
sub-subscribe-again = suscríbase otra vez
sub-stop-title = Dejar de recibir correos sobre { $title }
sub-stop-question = ¿Dejar de recibir los avisos sobre nuevos borradores y períodos de comentarios de { $title }?
sub-unsubscribe-button = Cancelar la suscripción
sub-check-mail = Revise su correo electrónico
sub-check-mail-sent = Si la dirección no sigue ya { $title }, le hemos enviado un enlace para confirmar. Ábralo dentro de { $hours } horas para empezar a recibir avisos.
sub-check-mail-nothing = No se envía nada hasta que confirme, y cada aviso incluye un enlace para dejar de recibirlos.
sub-link-broken = Este enlace de confirmación no funciona
sub-link-broken-text = Puede que se haya escrito mal, que lo haya reemplazado un enlace más nuevo o que la suscripción haya terminado. Suscríbase de nuevo desde la página de la norma para recibir un enlace nuevo.
sub-following = Usted sigue esta norma
sub-following-text = Le escribiremos sobre { $title }: nuevos borradores, y cuándo un período de comentarios se abre, se cierra antes de tiempo o se prorroga. Cada mensaje incluye un enlace para dejar de recibirlos.
sub-already = Ya confirmada
sub-already-text = Usted ya sigue { $title }. No hace falta nada más.
sub-expired = Este enlace de confirmación ha vencido
sub-expired-text = Los enlaces funcionan durante { $hours } horas. Suscríbase de nuevo para recibir uno nuevo; no se le envía nada hasta que confirme.
sub-not-yet = Todavía no confirmada
sub-not-yet-text = Pulse el botón de la página de confirmación para empezar a recibir los avisos.
sub-email-missing = Escriba su dirección de correo electrónico.
sub-email-invalid = Escriba una dirección de correo electrónico con la forma nombre@ejemplo.org, sin nombre ni espacios.

# comments/form.html y web/comments/form.rs
form-preview-prefix = Vista previa:{ " " }
form-reply = Responder
form-comment = Comentario
form-comment-on = Comentar { $target }
form-version = Versión { $label }
form-reply-title = Responder a un comentario
form-context = { $title }, versión { $version }.
form-open-window = Los comentarios están abiertos { $window } ({ $zone }).
form-errors-title = Su comentario no se envió: corrija { $count ->
    [one] este problema
   *[other] estos { $count } problemas
}
form-nothing-saved = No se guardó nada. Lo que escribió sigue en el formulario de abajo.
form-refusal-title = Demasiadas solicitudes: su comentario todavía no se envió
form-too-many = Ya envió en la última hora tantos comentarios como este sitio acepta de un mismo remitente ({ $per_address } desde una dirección; { $per_verified } de quien confirmó su dirección de correo electrónico y escribe desde el navegador en que la confirmó). Puede enviarlo de nuevo dentro de { $wait }.
form-resumed = Este formulario contiene el borrador que guardó para después el { $when } ({ $zone }). Al enviar el comentario se borra el borrador guardado.
form-saved = Guardado: este borrador se conserva en este sitio durante 7 días; abra de nuevo este formulario desde este navegador para continuar.
form-replying-to = El comentario al que responde
form-clause-text = El texto de { $clause }
form-preview-title = Vista previa de su comentario
form-preview-hint = Todavía no se envió: así se verá su comentario una vez enviado y confirmado. Cámbielo en el formulario de abajo, o envíelo.
form-no-proposal = No se propone un texto nuevo para la cláusula.
form-name = Su nombre
form-name-hint = (se muestra con su comentario)
form-email-hint = Nunca se muestra a nadie. Le enviamos un enlace para confirmar que el comentario es suyo, luego un acuse de recibo y un aviso cuando alguien responda.
form-organization = Organización
form-organization-hint = (opcional; se muestra con su nombre)
form-kind = Tipo de comentario
form-kind-general-hint = sobre lo que pide la cláusula, o por qué
form-kind-technical-hint = sobre si se puede llevar a cabo, o cómo
form-kind-editorial-hint = sobre redacción, ortografía o formato
form-body = Su comentario
form-body-hint = Hasta { $max } caracteres. Puede usar Markdown: *énfasis*, **negrita**, listas y enlaces como [texto](https://example.org). El HTML se muestra como texto.
form-optional = (opcional)
form-proposed-hint = Este cuadro empieza con el texto actual de la cláusula. Si usted redactaría la cláusula de otra manera, edítela aquí; se muestra con su comentario, con los cambios marcados. Si lo deja como está, no propone nada.
form-public-note = Los comentarios son públicos una vez confirmados y siguen siéndolo: no se editan después. Los moderadores pueden ocultar un comentario que no respete las reglas, dejando una nota con el motivo.
form-send = Enviar comentario
form-preview = Vista previa
form-keep = Guardar para después
form-cancel = Cancelar
form-buttons-hint = La vista previa muestra su comentario sin enviar nada. Guardar para después conserva lo que escribió en este sitio durante 7 días, solo para este navegador, sin enviarlo.
form-buttons-hint-proposals = La vista previa muestra su comentario y los cambios que hace su texto propuesto sin enviar nada. Guardar para después conserva lo que escribió en este sitio durante 7 días, solo para este navegador, sin enviarlo.

# Un comentario tal como se muestra (comments/macros.html, la vista previa).
comment-kind-general = General
comment-kind-technical = Técnico
comment-kind-editorial = Editorial
comment-proposed-label = Texto propuesto para la cláusula
comment-proposed-marks = (cambios marcados: el texto insertado aparece subrayado y el eliminado, tachado)
