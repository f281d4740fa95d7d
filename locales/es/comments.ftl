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

# comments/submitted.html, confirm.html, verified.html
comment-check-mail = Revise su correo electrónico
comment-received-title = Comentario recibido
comment-saved-lede = Su comentario sobre { $target } de { $title }, versión { $version }, está guardado pero
comment-not-yet-public = todavía no es público
comment-tracking-label = Número de seguimiento:
comment-mail-later = Enviamos como máximo { $per_hour } correos de confirmación por hora a una misma dirección, y esta dirección ya recibió esa cantidad. El correo con el enlace a su comentario sale a las { $at } ({ $zone }), junto con los enlaces de cualquier otro comentario que espere para esta dirección. No se pierde nada mientras espera.
comment-mail-sent = Enviamos un correo con un enlace a la dirección que indicó.
comment-open-link = Abra el enlace y pulse el botón de la página que se abre para confirmar que el comentario es suyo; entonces se publica (o, si este sitio revisa los comentarios antes, pasa a un moderador) y le enviamos un acuse de recibo con su número de seguimiento.
comment-link-until = El enlace funciona una sola vez, hasta el { $expires } ({ $zone }).
comment-look-in-spam = Si no llega ningún correo en unos minutos, busque en su carpeta de correo no deseado.
comment-mistyped = Si la dirección estaba mal escrita, envíe el comentario de nuevo con la correcta.
comment-sent-twice = Si envía el mismo comentario otra vez desde este navegador dentro de la hora, no se guarda dos veces: vuelve a esta página.
comment-published-title = Su comentario está publicado
comment-received-heading = Su comentario fue recibido
comment-confirmed-title = Su comentario está confirmado
comment-public-lede = Su comentario sobre { $target } de { $title }, versión { $version }, es público:
comment-read-it-here = léalo aquí
comment-receipt-on-its-way = Un acuse de recibo con el número de seguimiento va camino a su correo electrónico.
comment-review-lede = Su comentario sobre { $target } de { $title }, versión { $version }, se mostrará cuando un moderador lo haya revisado.
comment-back-to = Volver a { $target }
comment-confirm-title = Confirme su comentario
comment-confirm-comment = El comentario
comment-confirm-lede = sobre { $target } de { $title }, versión { $version }, se envió con su dirección de correo electrónico. No se muestra a nadie hasta que usted lo confirme.
comment-shown-as = Se mostrará como
comment-shown-from = Se muestra desde
comment-office-from = Oficina electoral: { $office } ({ $domain })
comment-the-comment = El comentario
comment-confirm-button = Confirmar y enviar mi comentario
comment-confirm-until = Este enlace funciona una sola vez, hasta el { $expires } ({ $zone }). Si usted no escribió este comentario, cierre esta página: no se publica nada sin el botón.
comment-verified-public = Gracias. Su comentario sobre { $target } de { $title }, versión { $version }, ya es público:
comment-verified-waits = Gracias. Su comentario sobre { $target } de { $title }, versión { $version }, está confirmado y espera a un moderador; se mostrará cuando lo haya revisado. Le escribiremos cuando se publique.
comment-receipt-sent = Enviamos a su correo un acuse de recibo con el número de seguimiento. Consérvelo: la decisión de los editores sobre su comentario lo mencionará.

# comments/closed.html, link_problem.html, unsubscribe.html
comment-closed-title = Los comentarios están cerrados
comment-closed-open-now = La versión { $label } de { $title } está abierta a comentarios ahora, hasta el { $closes }:
comment-closed-comment-on = comentar la versión { $label }
comment-closed-none-open = Ninguna versión de { $title } está abierta a comentarios ahora.
comment-closed-follow = para saber cuándo un borrador se abre a comentarios.
comment-closed-read = Leer los comentarios hechos
comment-error-status = Error { $status }.
comment-new-link = Envíenme un enlace nuevo
reply-stopped-title = Avisos de respuesta desactivados
reply-stopped-text = Ya no le escribiremos cuando alguien responda a sus comentarios. Los acuses de recibo de los comentarios que envíe se le siguen enviando.
reply-stop-title = Dejar de recibir avisos de respuesta
reply-stop-question = ¿Dejar de recibir los correos que enviamos cuando alguien responde a uno de sus comentarios?

# Los problemas encontrados en un comentario (comments/submit/form.rs, drafts_kept.rs).
form-err-name-missing = Escriba el nombre que se mostrará con su comentario.
form-err-name-long = Use un nombre de { $max } caracteres como máximo, en una sola línea.
form-err-name-bidi = Su nombre contiene un control oculto de dirección del texto ({ $code }); quítelo y envíe de nuevo.
form-err-email-missing = Escriba su dirección de correo electrónico: le enviamos un enlace para confirmar que el comentario es suyo.
form-err-email-invalid = Escriba una dirección de correo electrónico con la forma nombre@ejemplo.org.
form-err-organization-long = Use un nombre de organización de { $max } caracteres como máximo, en una sola línea.
form-err-organization-bidi = La organización contiene un control oculto de dirección del texto ({ $code }); quítelo y envíe de nuevo.
form-err-kind = Elija el tipo de comentario: general, técnico o editorial.
form-err-kind-list = Elija un tipo de comentario de la lista.
form-err-body-missing = Escriba su comentario.
form-err-body-long = Su comentario tiene { $length } caracteres; el límite es { $max }. Acórtelo o divídalo en varios comentarios.
form-err-body-control = Su comentario contiene un carácter de control invisible ({ $code }), que a menudo queda al copiar desde otro programa; quítelo y envíe de nuevo.
form-err-proposed-not-here = Solo se puede proponer un texto de reemplazo en un comentario sobre una cláusula.
form-err-proposed-long = El texto propuesto tiene { $length } caracteres; el límite es { $max }.
form-err-proposed-control = El texto propuesto contiene un carácter de control invisible ({ $code }); quítelo y envíe de nuevo.
form-err-too-long = { $what }: { $length } caracteres; el límite es { $max }.
form-what-organization = La organización
form-what-proposed = El texto propuesto

# web/comments.rs, web/verify.rs, web/flags.rs
comment-closed-period = Su período de comentarios va del { $from } al { $to }.
comment-closed-no-period = No tiene período de comentarios.
comment-closed-not-open = La versión { $label } de { $title } no está abierta a comentarios ahora, así que no se guardó nada.
comment-closed-still-read = Todavía puede leer todos los comentarios hechos.
comment-refused-title = No se pudo aceptar su comentario
comment-refused-text = Este envío no se pudo aceptar y no se guardó nada. Si usted es una persona, vuelva atrás, recargue el formulario y envíelo de nuevo.
verify-see-comment = Ver el comentario que confirmó este enlace
verify-see-discussion = Ver la discusión donde se mostrará el comentario cuando un moderador lo publique
verify-unknown-title = Este enlace no es válido
verify-unknown-text = Este enlace de verificación no es uno que hayamos enviado, o se copió incompleto. No se cambió nada. Abra de nuevo el enlace desde el correo, o copie todo el enlace en la barra de direcciones.
verify-expired-title = Este enlace ha vencido
verify-expired-text = Los enlaces de verificación funcionan durante 48 horas, y este es más antiguo. No se cambió nada: su comentario se conserva pero no se muestra. Podemos enviar un enlace nuevo a la misma dirección.
verify-used-title = Este enlace ya se usó
verify-used-text = Cada enlace de verificación funciona una sola vez, y este ya se usó para confirmar su comentario. No se cambió nada. Si fue usted quien lo confirmó, su comentario está verificado: el acuse de recibo que enviamos tiene su número de seguimiento.
verify-renewed-text = Enviamos un enlace de verificación nuevo a la dirección que indicó con su comentario. Funciona una sola vez, durante 48 horas. Su comentario se muestra cuando lo abra.
flag-thanks = Gracias por el aviso
flag-queued = El comentario { $tracking } está ahora en la cola de los moderadores. Lo mantendrán, o lo ocultarán con un motivo público.
flag-back = Volver al comentario

# comments/macros.html, permalink.html y las discusiones bajo cláusulas y
# versiones.
comment-numbered = Comentario { $tracking }
comment-in-reply-to = en respuesta a
comment-office = Oficina electoral:
comment-decision = Decisión de los editores: { $outcome }.
comment-resolved-in = Resuelto en
comment-see-changes = Ver lo que cambió
comment-see-changes-where = en la cláusula
comment-permalink = Enlace permanente
comment-permalink-to = al comentario { $tracking }
comment-reply-to = a
comment-pages-of = Páginas de { $what }
comment-first-page = (primera página)
comment-carried-heading = En la versión { $version }, { $clause }: { $heading }
comment-now-numbered = Ahora numerada { $number }.
comment-see-changes-clause = Ver lo que cambió en esta cláusula
comment-carried-stay = Estos comentarios se hicieron sobre la versión { $version } y se quedan con ella.
comment-carried-all = Los { $count } comentarios sobre la versión { $version }, { $clause }
comment-permalink-context = Sobre { $target } de { $title }, versión { $version }
comment-whole-discussion = Ver toda la discusión
comment-and-replies = El comentario y sus respuestas
comment-direct-replies = { $count ->
    [0] Todavía no hay respuestas.
    [one] 1 respuesta directa.
   *[other] { $count } respuestas directas, de la más antigua a la más reciente.
}
comment-pager-replies = respuestas
comment-reply-to-this = Responder a este comentario
flag-summary = Informar de este comentario a los moderadores
flag-reason = ¿Qué tiene de malo?
flag-button = Informar del comentario { $tracking }
discussion-clause-title = Comentarios sobre esta cláusula
discussion-not-open = Esta versión no está abierta a comentarios ahora.
discussion-none-on-page = No hay comentarios en esta página.
discussion-none-on-clause = Todavía no hay comentarios sobre esta cláusula en la versión { $version }.
discussion-pager-clause = comentarios sobre esta cláusula
discussion-earlier = Comentarios sobre versiones anteriores de esta cláusula
discussion-version-title = Comentarios sobre toda la versión
discussion-comment-on-version = Comentar toda la versión
discussion-one-clause-hint = (para comentar una cláusula, use el enlace que está debajo de ella)
discussion-none-on-version = Todavía no hay comentarios sobre la versión en su conjunto.
discussion-pager-version = comentarios sobre toda la versión
discussion-feed = Canal de los comentarios de esta versión (Atom)
discussion-removed-title = Comentarios sobre cláusulas eliminadas
discussion-removed-text = Estas cláusulas de versiones anteriores no están en la versión { $version }. Sus comentarios se conservan con la versión sobre la que se hicieron.

# La carta firmada en el formulario de comentarios.
form-letter-label = Carta firmada (PDF, 10 MB como máximo)
form-letter-optional = (opcional)
form-letter-hint = Si su oficina envía sus comentarios en una carta firmada, adjúntela aquí. Se publica con su comentario y cualquiera puede descargarla.

# Comentar varias cláusulas: la lista, enviada de una vez y confirmada con un solo correo.
form-gather = Añadir a mi lista
form-gather-hint = ¿Comenta varias cláusulas? Añada cada comentario a su lista y envíelos juntos: un solo correo con un solo enlace los confirma todos.
form-gather-list = Ver su lista
form-letter-note-preview = Vuelva a elegir el archivo antes de enviar el comentario: la vista previa revisa el archivo elegido, pero no lo guarda.
form-letter-note-kept = Vuelva a elegir el archivo cuando envíe el comentario: un borrador guardado para después conserva lo que escribió, no el archivo elegido.
form-letter-note-not-sent = Vuelva a elegir el archivo: el comentario no se envió, así que el archivo elegido no se guardó.
form-letter-preview = Carta firmada (PDF, { $size })
gather-err-closed = El periodo de comentarios de esta versión está cerrado: quite este comentario de la lista para enviar los demás.
gather-err-full = Su lista ya tiene { $max } comentarios, el máximo que confirma un solo correo. Envíelos y luego empiece una lista nueva.
gather-err-letter = No se puede añadir una carta firmada a una lista. Envíe este comentario por separado con su carta, o quite el archivo para añadir el comentario a su lista.
gather-title = Su lista de comentarios
gather-empty = Su lista está vacía.
gather-how = En el formulario de un comentario sobre una cláusula o una versión, «Añadir a mi lista» guarda aquí el comentario, revisado pero sin enviar. Reúna hasta { $max } comentarios y envíelos juntos desde esta página: un solo correo con un solo enlace los confirma todos. La lista se guarda en este sitio durante 7 días, solo para este navegador.
gather-lede = { $count ->
    [one] Hay un comentario esperando en su lista. Todavía no se ha enviado.
   *[other] Hay { $count } comentarios esperando en su lista. Todavía no se han enviado.
}
gather-problems = Algunos comentarios todavía no se pueden enviar. No se envió nada: corrija lo que se indica abajo y vuelva a enviar la lista.
gather-item-on = Sobre { $target } de { $title }, versión { $version }
gather-proposes = propone un texto nuevo
gather-edit = Cambiar
gather-remove = Quitar de la lista
gather-send-title = Enviarlos todos
gather-send-hint = El nombre, la dirección de correo electrónico y la organización de abajo acompañan a cada comentario de la lista. Enviamos un solo correo con un solo enlace que los confirma todos.
gather-send = { $count ->
    [one] Enviar el comentario
   *[other] Enviar { $count } comentarios
}
gather-sent-title = Recibimos sus comentarios
gather-sent-lede = { $count ->
    [one] Su comentario quedó guardado.
   *[other] Sus { $count } comentarios quedaron guardados.
}
gather-sent-not-public = No serán públicos hasta que los confirme con el enlace que le enviamos por correo.
gather-sent-mail = Le enviamos un solo correo con un solo enlace que los confirma todos. Ábralo y pulse el botón de la página que se abre.
gather-sent-mail-later = Esta dirección ya recibió varios correos de confirmación en la última hora, así que el del enlace de estos comentarios sale a las { $at }.
gather-sent-tracking = Números de seguimiento
verify-list-title = Confirme sus comentarios
verify-list-lede = { $count ->
    [one] Este enlace confirma el comentario de abajo, enviado con su dirección de correo electrónico.
   *[other] Este enlace confirma los { $count } comentarios de abajo, enviados juntos con su dirección de correo electrónico.
}
verify-list-button = { $count ->
    [one] Confirmar el comentario
   *[other] Confirmar los { $count } comentarios
}
verify-list-done-title = Sus comentarios están confirmados
verify-list-done-lede = { $count ->
    [one] Se confirmó un comentario.
   *[other] Se confirmaron { $count } comentarios.
}
verify-list-done-waits = espera a un moderador.
verify-list-expired-text = Los enlaces de confirmación funcionan durante 48 horas, y este es más antiguo. No se cambió nada: los comentarios a los que corresponde se conservan, pero no se muestran. Vuelva a enviarlos desde sus cláusulas para recibir un enlace nuevo.

# Una carta firmada rechazada, un formulario ilegible, un comentario oculto,
# la cláusula de un comentario en una versión posterior y la insignia de oficina.
letter-err-too-large = El archivo pesa más de { $max }, el máximo para una carta. Hágalo más pequeño (escanee con menos resolución o guárdelo como PDF de “tamaño reducido”) y vuelva a elegirlo.
letter-err-not-pdf = El archivo elegido no es un PDF (su contenido no es un documento PDF, tenga el nombre que tenga). Guarde o exporte la carta como PDF y vuelva a elegirla.
letter-err-empty = El archivo elegido está vacío. Vuelva a elegir el PDF de su carta.
form-err-unreadable = No se pudo leer el formulario: { $what }. Vuelva atrás, revise los campos y envíelo de nuevo.
form-err-too-many-fields = tiene demasiados campos
form-err-not-utf8 = No se pudo leer el formulario: el campo «{ $name }» contiene bytes que no son texto UTF-8 válido, así que no se guardó nada. Vuelva a copiar su texto en el formulario desde un programa que guarde Unicode y envíelo de nuevo.
comment-hidden-reason = Un moderador ocultó este comentario. Motivo: { $reason }
comment-hidden-no-reason = no se indicó
comment-removed-spam = Este comentario se eliminó por ser spam.
carry-fate-unchanged = Sin cambios en la versión { $version }
carry-fate-moved = Movida, con el texto sin cambios, en la versión { $version }
carry-fate-revised = Revisada en la versión { $version }
carry-fate-revised-moved = Revisada y movida en la versión { $version }
carry-fate-removed = Eliminada en la versión { $version }
office-badge = dirección confirmada en { $domain }
comment-letter-of = del comentario { $tracking }
