# staff

# Shared by the staff pages.
staff-error-title = Error: { $title }
staff-signed-in-as = Sesión iniciada como { $name }.
staff-home-link = Inicio del personal
staff-audit-link = El registro de auditoría
staff-nothing-changed = No se cambió nada
staff-account-name = Nombre de cuenta
staff-password = Contraseña
staff-role = Rol

# staff/login.html and the sign-in refusals
staff-login-title = Acceso del personal
staff-login-intro = Para editores, moderadores y administradores. El público no necesita una cuenta para leer ni para comentar.
staff-sign-in = Iniciar sesión
staff-login-bad-credentials = El nombre de cuenta o la contraseña no son correctos. Revise ambos e inténtelo de nuevo.
staff-login-disabled = Esta cuenta está desactivada. Pida a un administrador que la active.
staff-login-throttled = Hubo demasiados intentos fallidos de inicio de sesión desde su dirección, para esta cuenta o en total. El inicio de sesión desde aquí está en pausa; inténtelo de nuevo en { $wait }.

# staff/home.html and its task links
staff-home-title = Personal
staff-home-signed-in-as = Sesión iniciada como
staff-home-tasks = Tareas del personal
staff-sign-out = Cerrar sesión
staff-task-moderation = Cola de moderación
staff-task-periods = Períodos de comentarios
staff-task-feedback = Comentarios recibidos, decisiones y borradores
staff-task-accounts = Cuentas del personal
staff-task-audit = Registro de auditoría
staff-task-offices = Dominios de oficinas electorales
staff-task-password = Cambiar su contraseña
staff-role-name = { $role ->
    [admin] Administrador
    [editor] Editor
   *[moderator] Moderador
}

# staff/accounts.html and src/web/accounts.rs
staff-accounts-title = Cuentas del personal
staff-accounts-password-for = Contraseña de
staff-accounts-shown-once = Solo se muestra ahora. Entréguela a su titular en persona o por otro medio seguro; puede cambiarla en
staff-accounts-intro = Los administradores gestionan las cuentas; los editores llevan los períodos de comentarios y las decisiones; los moderadores revisan los comentarios. Una cuenta desactivada no puede iniciar sesión y su sesión se cierra de inmediato.
staff-accounts-caption = Todas las cuentas del personal
staff-accounts-col-account = Cuenta
staff-accounts-col-status = Estado
staff-accounts-col-created = Creada
staff-accounts-col-change = Cambiar
staff-accounts-you = (usted)
staff-accounts-disabled-state = Desactivada
staff-accounts-enabled-state = Activa
staff-accounts-role-of = Rol de { $name }
staff-accounts-change-role = Cambiar el rol
staff-accounts-of = de { $name }
staff-accounts-enable = Activar
staff-accounts-disable = Desactivar
staff-accounts-new-password-for = Nueva contraseña de { $name } (vacía: se genera una)
staff-accounts-reset = Restablecer la contraseña
staff-accounts-add-title = Agregar una cuenta
staff-accounts-name-hint = Letras, dígitos, “.”, “_” y “-”; se guarda en minúsculas.
staff-accounts-choose-a-role = Elija un rol
staff-accounts-password-optional = Contraseña (opcional)
staff-accounts-password-hint = Al menos { $min } caracteres. Déjela vacía para generar una, que se muestra una sola vez después de crear la cuenta.
staff-accounts-add = Agregar la cuenta
staff-accounts-choose-role = Elija un rol: administrador, editor o moderador.
staff-accounts-unknown-role = Rol desconocido “{ $role }”: elija administrador, editor o moderador.
staff-accounts-enter-name = Escriba un nombre para la nueva cuenta.
staff-accounts-created = Se creó la cuenta “{ $name }” con el rol de { $role ->
    [admin] administrador
    [editor] editor
   *[moderator] moderador
}.
staff-accounts-role-set = “{ $name }” ahora es { $role ->
    [admin] administrador
    [editor] editor
   *[moderator] moderador
}.
staff-accounts-disabled = “{ $name }” está desactivada y su sesión se cerró.
staff-accounts-enabled = “{ $name }” está activa.
staff-accounts-password-reset = Se cambió la contraseña de “{ $name }” y se cerraron sus sesiones.
staff-accounts-choose-action = Elija qué cambiar: rol, desactivar, activar o restablecer la contraseña.
staff-accounts-unknown-action = Acción desconocida “{ $action }”: elija rol, desactivar, activar o restablecer.

# staff/password.html
staff-password-title = Cambiar su contraseña
staff-password-not-changed = Su contraseña no se cambió
staff-password-done = Su contraseña se cambió. Se cerró la sesión en cualquier otro navegador conectado a su cuenta.
staff-password-current = Contraseña actual
staff-password-new = Nueva contraseña
staff-password-new-hint = Al menos { $min } caracteres. Unas cuantas palabras sin relación entre sí forman una buena contraseña.
staff-password-again = Repita la nueva contraseña
staff-password-submit = Cambiar la contraseña
staff-password-enter-current = Escriba su contraseña actual.

# staff/audit.html and src/web/audit.rs
staff-audit-intro = Cada acción del personal, de la más reciente a la más antigua, con quién la hizo y cuándo (UTC). Los eventos marcados como públicos también aparecen en el registro de cambios de su versión.
staff-audit-show = Mostrar
staff-audit-all-actions = Todas las acciones
staff-audit-filter = Filtrar
staff-audit-events = { $count ->
    [one] { $count } evento
   *[other] { $count } eventos
}
staff-audit-page-of = ; página { $page } de { $pages }
staff-audit-no-events = No hay eventos.
staff-audit-caption = Eventos de auditoría, del más reciente al más antiguo
staff-audit-caption-one-kind = Eventos de auditoría de un solo tipo, del más reciente al más antiguo
staff-audit-col-when = Cuándo (UTC)
staff-audit-col-who = Quién
staff-audit-col-action = Acción
staff-audit-col-on = Sobre
staff-audit-col-detail = Detalle
staff-audit-col-public = Público
staff-yes = Sí
staff-no = No
staff-audit-pages = Páginas del registro de auditoría
staff-audit-newer = Eventos más recientes
staff-audit-older = Eventos más antiguos
staff-audit-bad-page = “{ $page }” no es un número de página; use 1, 2, 3, etc.
staff-audit-unknown-action = No hay eventos “{ $action }” en el registro de auditoría; elija una acción de la lista.

# staff/offices.html and src/web/offices.rs
staff-offices-intro-shown = Quien confirme un comentario desde una dirección de un dominio de la lista aparece como
staff-offices-intro-label = Oficina electoral:
staff-offices-intro-name = nombre
staff-offices-intro-rest = con una insignia que nombra el dominio en el que se confirmó la dirección (nunca la dirección). La oficina queda fijada en el comentario al confirmarse: cambiar o quitar una entrada aquí nunca cambia los comentarios ya hechos.
staff-offices-named-a = Un
staff-offices-named-b = dominio con nombre
staff-offices-named-c = coincide con las direcciones de exactamente ese dominio. Un
staff-offices-suffix-b = sufijo
staff-offices-suffix-c = que empieza con un punto
staff-offices-suffix-d = coincide con todos los dominios que terminan en él; dele un nombre genérico (“Oficina de gobierno”), ya que no distingue una oficina de otra. Un dominio con nombre tiene prioridad sobre un sufijo.
staff-offices-none = Todavía no hay dominios en la lista.
staff-offices-caption = Dominios reconocidos como oficinas electorales
staff-offices-col-domain = Dominio
staff-offices-col-office = Oficina
staff-offices-col-added = Agregado
staff-offices-remove = Quitar
staff-offices-add-title = Agregar un dominio
staff-offices-domain-label = Dominio (por ejemplo lake-county.example.org, o .gov)
staff-offices-office-label = Oficina a la que pertenece
staff-offices-add = Agregar el dominio
staff-offices-added = { $domain } se agregó a la lista.
staff-offices-removed = { $domain } se quitó de la lista. Los comentarios ya mostrados como de su oficina conservan su insignia.

# staff/period.html and src/web/periods.rs
staff-period-title = Período de comentarios — { $standard }, versión { $version }
staff-period-heading = Período de comentarios: { $standard }, versión { $version }
staff-period-all = Todos los períodos de comentarios
staff-period-public-page = La página pública
staff-period-changelog = Registro de cambios
staff-period-welcome-now = (se reciben comentarios ahora)
staff-period-opens = Se abre
staff-period-closes = Se cierra
staff-period-subscribers = Suscriptores
staff-period-confirmed = { $count ->
    [one] { $count } confirmado
   *[other] { $count } confirmados
}
staff-period-tz = Las horas están en la zona horaria de la norma,
staff-period-every-change = Cada cambio aparece en el registro de cambios público de la versión y se envía por correo a los suscriptores.
staff-period-extend-title = Extender el período
staff-period-new-closing = Nueva fecha y hora de cierre ({ $tz })
staff-period-new-closing-hint = Posterior a la hora de cierre actual, por ejemplo 2026-12-31 17:00.
staff-period-extend = Extender el período de comentarios
staff-period-close-title = Cerrar el período ahora
staff-period-close-text = Se dejan de aceptar comentarios de inmediato. Los comentarios ya enviados se conservan.
staff-period-close = Cerrar el período de comentarios ahora
staff-period-set-new = Fijar un nuevo período
staff-period-open-title = Abrir el período
staff-period-opening = Fecha y hora de apertura ({ $tz }, opcional)
staff-period-opening-hint = Déjela vacía para abrir ahora.
staff-period-closing = Fecha y hora de cierre ({ $tz })
staff-period-closing-hint = En el futuro, por ejemplo 2026-12-31 17:00.
staff-period-open = Abrir el período de comentarios
staff-period-not-set = sin fijar
staff-period-choose-action = Elija qué hacer: abrir, cerrar o extender el período de comentarios.
staff-period-unknown-action = Acción desconocida “{ $action }”: elija abrir, cerrar o extender.
staff-period-told = { $count ->
    [one] Se avisará por correo a { $count } suscriptor.
   *[other] Se avisará por correo a { $count } suscriptores.
}

# staff/periods.html
staff-periods-intro = Abra, cierre o extienda el período de comentarios de una versión publicada. Se avisa por correo a los suscriptores de la norma.
staff-periods-none = Todavía no se ha publicado ninguna versión.
staff-periods-caption = Versiones publicadas, de la más reciente a la más antigua dentro de cada norma
staff-periods-col-version = Norma y versión
staff-periods-col-period = Período de comentarios
staff-periods-version = { $standard }, versión { $version }
staff-periods-open-now = (abierta ahora)
staff-periods-change = Cambiar el período
staff-periods-of-version = de { $standard }, versión { $version }

# comments/moderation.html, comments/moderate.html and the moderation handlers
staff-mod-intro-a = Comentarios en espera de revisión, y comentarios publicados que el público reportó. Cada acción queda registrada con su nombre en el
staff-mod-ledger = registro de integridad
staff-mod-intro-b = público. Un comentario oculto deja en su hilo una nota con su motivo; sus respuestas se quedan, y a su autor se le envía el motivo por correo. También puede ocultar, restablecer y suprimir pasajes desde la página del propio comentario.
staff-mod-empty = La cola está vacía.
staff-mod-waiting = En espera de revisión
staff-mod-reported = { $count ->
    [one] Reportado { $count } vez
   *[other] Reportado { $count } veces
}
staff-mod-on = Sobre
staff-mod-reasons = Motivos indicados
staff-mod-publish = Publicar
staff-mod-keep = Dejar como está
staff-mod-clear-reports = y borrar los reportes
staff-mod-hide-reason = Motivo público para ocultar { $tracking }
staff-mod-hide = Ocultar con este motivo
staff-mod-why-spam = Por qué { $tracking } es spam
staff-mod-spam-hint = (queda en el registro de integridad; no se envía ningún correo)
staff-mod-spam = Marcar como spam
staff-mod-hide-legend = Ocultar el comentario { $tracking }, o marcarlo como spam
staff-mod-reason = Motivo
staff-mod-reason-hint = (obligatorio; al ocultar, se muestra en lugar del comentario y se envía por correo a su autor; para spam, queda en el registro de integridad y no se envía ningún correo)
staff-mod-restore-legend = Restablecer el comentario { $tracking }
staff-mod-restore-reason = Motivo para restablecerlo
staff-mod-restore-hint = (obligatorio; queda en el registro de integridad y se envía por correo a su autor)
staff-mod-restore = Restablecer: volver a mostrarlo
staff-mod-panel = Moderación
staff-mod-panel-hint = (solo lo ven los moderadores y los administradores)
staff-mod-status = Estado:
staff-mod-reason-shown = Motivo mostrado: { $reason }
staff-mod-text-stored = Texto tal como está guardado
staff-mod-markdown-source = Su código Markdown
staff-mod-redact-legend = Suprimir parte del comentario { $tracking }
staff-mod-redact-a = Cada lugar donde aparece el pasaje se reemplaza por
staff-mod-redact-b = dondequiera que se muestre el comentario. El texto anterior se conserva aquí para el personal, el registro de integridad guarda su SHA-256 y se envía un correo al autor.
staff-mod-passage = Pasaje que suprimir
staff-mod-passage-hint = (exactamente como en el código Markdown de arriba)
staff-mod-redact-reason-hint = (obligatorio; se muestra en lugar del pasaje)
staff-mod-redact = Suprimir este pasaje
staff-mod-from-comment = del comentario { $tracking }
staff-mod-redactions = Supresiones (solo para el personal)
staff-mod-redaction-at = { $at } UTC, entrada { $seq } del registro de integridad.
staff-mod-redaction-reason = Motivo: { $reason }
staff-mod-passage-label = Pasaje:
staff-mod-text-before = El texto antes de esta supresión
staff-mod-done = { $done ->
    [hidden] Comentario { $tracking } oculto; se envió el motivo por correo a su autor
    [spam] Comentario { $tracking } marcado como spam; no se envía correo a su autor
    [restored] Comentario { $tracking } restablecido; se envió el motivo por correo a su autor
   *[redacted] Se suprimió un pasaje del comentario { $tracking }; se envió el motivo por correo a su autor
}.
staff-mod-queue-done = { $action ->
    [publish] Comentario { $tracking } publicado
    [hide] Comentario { $tracking } oculto
    [spam] Comentario { $tracking } marcado como spam
    [dismiss] Comentario { $tracking } conservado, y sus reportes borrados
   *[restore] Comentario { $tracking } restablecido: vuelve a estar en espera de revisión
}.
staff-mod-unknown-queue-action = Acción de moderación desconocida “{ $action }”: elija publicar, ocultar, spam o conservar.
staff-mod-unknown-action = Acción de moderación desconocida “{ $action }”: elija ocultar, spam o restablecer.
