# Mensajes de las páginas del personal y de sus acciones (desk).

# Períodos de comentarios: src/periods.rs y src/web/periods.rs.
# Los nombres de los campos de hora, con su artículo, tal como los usan los rechazos de abajo.
desk-period-field-opening = la hora de apertura
desk-period-field-closing = la hora de cierre
desk-period-field-new-closing = la nueva hora de cierre
desk-period-err-enter = Indique { $field }.
desk-period-err-not-a-time = El valor «{ $input }» indicado como { $field } no es una fecha y hora; escríbalo como 2026-12-01 17:00 ({ $zone }).
desk-period-err-skipped-hour = { $input }, indicada como { $field }, no existe en { $zone } (los relojes se saltan esa hora); elija otra hora.
desk-period-err-draft = La versión { $version } es un borrador: no está publicada, así que todavía no tiene período de comentarios.
desk-period-err-locked = { $status ->
    [final] La versión { $version } es definitiva: su período de comentarios ya no se puede cambiar.
    [superseded] La versión { $version } fue reemplazada: su período de comentarios ya no se puede cambiar.
   *[other] La versión { $version } está en estado «{ $status }»: su período de comentarios ya no se puede cambiar.
}
desk-period-err-already-open = Los comentarios sobre la versión { $version } ya están abiertos (hasta el { $closes }). Para dar más tiempo, extienda el período.
desk-period-err-closing-past = La hora de cierre, { $closes }, no está en el futuro; elija una posterior.
desk-period-err-opens-after-closing = La hora de apertura, { $opens }, debe ser anterior a la hora de cierre, { $closes }.
desk-period-err-already-closed = El período de comentarios de la versión { $version } ya está cerrado.
desk-period-err-extend-closed = El período de comentarios de la versión { $version } está cerrado; vuelva a abrirlo en lugar de extenderlo.
desk-period-err-extend-earlier = Una extensión debe hacer que la hora de cierre sea posterior a la actual ({ $current }); { $closes } no es posterior.
desk-period-err-new-closing-past = La nueva hora de cierre, { $closes }, no está en el futuro; elija una posterior.
# Lo que se le dice al editor que hizo un cambio.
desk-period-open-until = Los comentarios están abiertos hasta el { $closes } ({ $zone }).
desk-period-opens-later = Los comentarios se abrirán el { $opens } y se cerrarán el { $closes } ({ $zone }).
desk-period-closed-at = Los comentarios se cerraron el { $closed } ({ $zone }).
desk-period-now-open-until = Ahora los comentarios están abiertos hasta el { $closes } ({ $zone }).

# Cuentas del personal y contraseñas: src/accounts.rs.
desk-account-err-enter-password = Escriba la nueva contraseña.
desk-account-err-password-short = La nueva contraseña es demasiado corta: use al menos { $min } caracteres (unas cuantas palabras sin relación entre sí forman una buena contraseña).
desk-account-err-password-long = La nueva contraseña es demasiado larga: use como máximo 1024 caracteres.
desk-account-err-passwords-differ = Las dos nuevas contraseñas no coinciden; escríbalas de nuevo.
desk-account-err-name-taken = Ya existe una cuenta llamada «{ $name }».
desk-account-err-own-role = No puede cambiar el rol de su propia cuenta; pídaselo a otro administrador.
desk-account-err-own-disable = No puede desactivar su propia cuenta; pídaselo a otro administrador.
desk-account-err-same-role = La cuenta «{ $name }» ya tiene el rol de { $role ->
    [admin] administrador
    [editor] editor
    [moderator] moderador
   *[other] { $role }
}.
desk-account-err-last-admin-role = «{ $name }» es el único administrador activo; haga antes administrador a otra cuenta.
desk-account-err-already-disabled = La cuenta «{ $name }» ya está desactivada.
desk-account-err-already-enabled = La cuenta «{ $name }» ya está activa.
desk-account-err-last-admin-disable = «{ $name }» es el único administrador activo y no se puede desactivar.
desk-account-err-wrong-password = Su contraseña actual no es correcta; no se cambió nada.
desk-account-err-same-password = La nueva contraseña es igual a la actual; elija otra distinta.

# Cómo se llama cada acción en el registro de auditoría y en el registro de cambios público: src/audit.rs.
desk-audit-signed-in = Inicio de sesión
desk-audit-signed-out = Cierre de sesión
desk-audit-password-changed = Cambio de su propia contraseña
desk-audit-account-created = Cuenta creada
desk-audit-account-role-changed = Rol de la cuenta cambiado
desk-audit-account-disabled = Cuenta desactivada
desk-audit-account-enabled = Cuenta activada
desk-audit-account-password-reset = Contraseña de la cuenta restablecida
desk-audit-period-opened = Período de comentarios abierto
desk-audit-period-closed = Período de comentarios cerrado
desk-audit-period-extended = Período de comentarios extendido
desk-audit-comment-approved = Comentario publicado por un moderador
desk-audit-comment-hidden = Comentario oculto
desk-audit-comment-spam = Comentario marcado como spam
desk-audit-comment-restored = Comentario restablecido por un moderador
desk-audit-comment-redacted = Pasaje de un comentario suprimido por un moderador
desk-audit-flags-dismissed = Reportes de un comentario descartados
desk-audit-disposition-recorded = Decisión registrada
desk-audit-version-published = Versión publicada
desk-audit-report-published = Informe de decisiones publicado
desk-audit-draft-created = Borrador creado
desk-audit-draft-saved = Borrador guardado
desk-audit-draft-clause-saved = Cláusula del borrador guardada
desk-audit-draft-front-saved = Título y notas del borrador guardados
desk-audit-draft-renumbered = Cláusulas del borrador renumeradas
desk-audit-draft-proposal-accepted = Texto propuesto incorporado al borrador
desk-audit-release-mode-changed = Cambio en cómo se publican las decisiones
desk-audit-decision-drafted = Borrador de decisión guardado
desk-audit-decision-marked-ready = Decisión marcada como lista para aprobación
desk-audit-decision-approved = Decisión aprobada
desk-audit-decision-withdrawn = Decisión retirada
desk-audit-decision-released = Decisión publicada
desk-audit-decision-not-needed = Decisión no necesaria
desk-audit-office-domain-added = Dominio de oficina agregado
desk-audit-office-domain-removed = Dominio de oficina quitado

# Rechazos de moderación y de supresión: src/comments/moderation.rs y src/comments/redaction.rs.
desk-mod-err-publish-not-waiting = Solo se puede publicar un comentario que esté en espera de revisión.
desk-mod-err-never-verified = Su autor nunca confirmó este comentario y no se muestra; no hay nada que retirar.
desk-mod-err-already-down = Este comentario ya se retiró.
desk-mod-err-restore-not-down = Solo se puede restablecer un comentario oculto o marcado como spam.
desk-mod-err-no-flags = Este comentario no tiene reportes pendientes.
desk-mod-err-no-reason = Indique el motivo de esta acción: queda registrado y se le comunica al autor.
desk-mod-err-reason-too-long = El motivo debe tener menos de { $max } caracteres.
desk-redact-err-not-published = Solo se puede suprimir parte de un comentario publicado; uno oculto no muestra ningún texto.
desk-redact-err-no-passage = Escriba el pasaje que desea suprimir, exactamente como está escrito en el comentario.
desk-redact-err-not-in-text = Ese pasaje no está en el texto del comentario. Cópielo exactamente del texto que aparece bajo «Texto tal como está guardado», con la puntuación y los saltos de línea.

# Dominios de oficinas electorales: src/comments/offices.rs.
desk-office-err-not-a-domain = «{ $input }» no es un dominio. Escriba un dominio como lake-county.example.org, o un sufijo que empiece con un punto, como .gov.
desk-office-err-no-office = Escriba el nombre de la oficina a la que pertenece el dominio.
desk-office-err-office-too-long = El nombre de la oficina tiene más de { $max } caracteres.
desk-office-err-listed = { $domain } ya está en la lista. Quítelo primero para asignarle otra oficina.
desk-office-err-not-listed = Ese dominio no está en la lista (quizá ya se quitó).

# El registro de integridad: src/web/ledger.rs.
desk-ledger-no-key = Este sitio no tiene clave para el registro de integridad, así que sus puntos de control no están firmados. La cabeza del registro sigue estando en /ledger.json y en el pie de cada correo que envía el sitio.

# Nombres de cuenta.
desk-account-name-length = un nombre de cuenta tiene de 1 a 64 caracteres
desk-account-name-characters = el nombre de cuenta `{ $name }` solo puede usar letras, dígitos, `.`, `_` y `-`
