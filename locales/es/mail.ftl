# mail
# Correo a quienes comentan y a los suscriptores. Cada correo se escribe en
# el idioma que usó su lector: el del enlace de confirmación en el de la
# solicitud, los avisos posteriores en el guardado con el comentario o la
# suscripción.

# El correo de confirmación de una suscripción (subscriptions.rs).
mail-sub-subject = Confirmar: avisos por correo sobre { $title }
mail-sub-asked =
    Alguien, probablemente usted, pidió recibir avisos por correo sobre "{ $title }":
    nuevos borradores, y cuándo un período de comentarios se abre, se cierra o se prorroga.
mail-sub-open = Para confirmar, abra este enlace dentro de { $hours } horas y pulse el botón:
mail-sub-ignore =
    Si no fue usted, ignore este mensaje: sin la confirmación
    no se envía nada más a esta dirección.
mail-sub-standard = Norma: { $page }
# El pie de cada aviso a un suscriptor.
mail-sub-footer = Recibe esto porque sigue "{ $title }" en { $page }.
mail-sub-stop = Dejar de recibir estos correos: { $url }

# Comunes a los correos sobre comentarios.
mail-hello = Hola:
mail-hello-name = Hola, { $name }:
mail-tracking = Número de seguimiento: { $tracking }
mail-keep-tracking = Conserve el número de seguimiento: la decisión de los editores sobre su comentario lo mencionará.
mail-your-comment = Su comentario:
mail-place = { $title }, versión { $version }

# comments/mail/verify.txt: los enlaces de confirmación (confirm_mail.rs).
mail-verify-subject = Confirme su comentario
mail-verify-subject-one = Confirme su comentario sobre { $title }
mail-verify-subject-many = Confirme sus comentarios ({ $count } en espera)
mail-verify-one = Se envió un comentario con esta dirección de correo electrónico. Para confirmar que es suyo, abra su enlace dentro de { $hours } horas y pulse el botón de la página:
mail-verify-many = Se enviaron { $count } comentarios con esta dirección de correo electrónico. Enviamos como máximo { $per_hour } de estos correos por hora a una misma dirección, por eso se reúnen aquí. Para confirmar uno que sea suyo, abra su enlace dentro de { $hours } horas y pulse el botón de la página:
mail-verify-entry = Comentario { $tracking } sobre { $on } de { $title }, versión { $version }
mail-verify-shown-as = Se mostrará como: { $name }
mail-verify-begins = Empieza así: "{ $excerpt }"
mail-verify-proposes = También propone un texto nuevo para la cláusula.
mail-verify-confirm = Confirmar: { $link }
mail-verify-group = Envió { $count } comentarios juntos con esta dirección de correo electrónico. Para confirmar que son suyos, abra el enlace de abajo dentro de { $hours } horas y pulse el botón de la página: los confirma todos.
mail-verify-confirm-all = Confirmarlos todos: { $link }
mail-verify-once = Cada enlace funciona una sola vez. Mientras un comentario no se confirme, no se muestra a nadie. Si usted no lo escribió, ignore este mensaje y no se publicará nada.

# comments/mail/receipt.txt (notify.rs)
mail-receipt-subject-published = Su comentario { $tracking } está publicado
mail-receipt-subject-pending = Su comentario { $tracking } fue recibido y espera revisión
mail-receipt-thanks = Gracias por su comentario sobre { $on } de { $title }, versión { $version }.
mail-receipt-published = Se publicó el { $when } ({ $zone }) y se puede leer aquí:
mail-receipt-pending = Fue recibido y se mostrará cuando un moderador lo haya revisado. Le escribiremos de nuevo cuando se publique.

# comments/mail/reply.txt (notify.rs)
mail-reply-subject = { $replier } respondió a su comentario { $tracking }
mail-reply-heading = { $replier } respondió a su comentario { $tracking } sobre { $on } de { $title }, versión { $version }:
mail-reply-read = Lea la respuesta y su conversación:
mail-reply-why = Recibe esto porque alguien respondió a su comentario. Para dejar de recibir estos avisos, abra:

# comments/mail/moderation.txt (moderation_mail.rs)
mail-moderation-subject-hidden = Su comentario { $tracking } fue ocultado
mail-moderation-subject-restored = Su comentario { $tracking } se muestra de nuevo
mail-moderation-subject-redacted = Se suprimió una parte de su comentario { $tracking }
mail-moderation-hidden = Un moderador ocultó su comentario { $tracking } sobre { $on } de { $place }. Su texto no se muestra; en su lugar la página muestra este motivo:
mail-moderation-restored = Un moderador volvió a mostrar su comentario { $tracking } sobre { $on } de { $place }. El motivo indicado:
mail-moderation-redacted = Un moderador suprimió una parte de su comentario { $tracking } sobre { $on } de { $place }. El pasaje suprimido se reemplaza, dondequiera que se muestre el comentario, por una nota con este motivo:
mail-moderation-now-reads = Su comentario ahora dice:
mail-moderation-page = La página del comentario:
mail-moderation-ledger = Cada acción de moderación queda registrada en el registro público de integridad. Si cree que se trata de un error, responda a este mensaje e indique el número de seguimiento { $tracking }.

# comments/mail/disposition.txt (dispositions.rs)
mail-decision-subject = Decisión sobre su comentario { $tracking }: { $outcome }
mail-decision-heading = Los editores de { $title } registraron una decisión sobre su comentario { $tracking } ({ $on }, versión { $version }).
mail-decision-outcome = Resultado: { $outcome }
mail-decision-rationale = Fundamento:
mail-decision-resolved = Resuelto en: { $where }
mail-decision-resolved-in = versión { $version }, { $clause }
mail-decision-resolved-next = la próxima versión, { $clause }
mail-decision-link-changed = Lo que cambió en la cláusula
mail-decision-link-clause = La cláusula
mail-decision-link-version = La versión
mail-decision-permalink = Su comentario, con esta decisión debajo:
mail-decision-report = Cada comentario sobre la versión { $version } y su decisión, en un solo informe:
mail-decision-why = Recibe esto porque comentó esta versión. Las decisiones son públicas; su dirección de correo electrónico no lo es.
mail-outcome-accepted = Aceptado
mail-outcome-accepted-modified = Aceptado con modificaciones
mail-outcome-not-accepted = No aceptado
mail-outcome-noted = Tomado en cuenta
mail-outcome-duplicate = Duplicado
mail-outcome-out-of-scope = Fuera del alcance

# Avisos a quienes siguen una norma sobre un cambio del periodo de comentarios.
period-subject-opened = Periodo de comentarios abierto: { $title }, versión { $version }
period-subject-closed-early = Periodo de comentarios cerrado antes de tiempo: { $title }, versión { $version }
period-subject-extended = Periodo de comentarios ampliado: { $title }, versión { $version }
period-notice-opened = El periodo de comentarios de { $title }, versión { $version }, está abierto: se aceptan comentarios desde el { $opens } hasta el { $closes } ({ $zone }).
period-notice-closed-early = El periodo de comentarios de { $title }, versión { $version }, se cerró antes de tiempo, el { $closed } ({ $zone }). Debía cerrarse el { $due }.
period-notice-extended = El periodo de comentarios de { $title }, versión { $version }, se amplió: ahora se aceptan comentarios hasta el { $closes } ({ $zone }){ $instead }.
period-notice-instead-of = , en lugar del { $before }
period-notice-read = Léala y coméntela: { $link }
