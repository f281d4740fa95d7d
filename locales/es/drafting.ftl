# Mensajes de las páginas del personal y de sus acciones (drafting).

# Empezar, guardar y publicar el borrador siguiente (drafts.rs).
drafting-err-no-published = { $standard } no tiene ninguna versión publicada a partir de la cual empezar un borrador.
drafting-err-version-exists = La versión { $version } de { $standard } ya existe; no se empezó ningún borrador.
drafting-err-label-published = Ya se publicó un borrador con la etiqueta { $version }; no se empezó ningún borrador.
drafting-err-cannot-copy = El texto fuente de la versión { $version } no se puede copiar en un borrador: { $problem }
drafting-stale = No se guardó: el borrador cambió desde que usted lo abrió (ahora está en la revisión { $revision }, guardada por { $by } el { $when }). No se sobrescribió nada. Su texto aparece debajo del borrador actual; copie sus cambios en el texto actual y vuelva a guardar.
drafting-err-empty = El borrador está vacío. No se guardó nada.
drafting-err-too-large = El borrador ocupa más de 2 MiB. No se guardó nada.
drafting-err-published-no-change = La versión { $version } ya está publicada; su borrador ya no puede cambiar.
drafting-err-window-order = El período de comentarios debe cerrarse después de abrirse. No se publicó nada.
drafting-err-window-past = El período de comentarios debe cerrarse en el futuro. No se publicó nada.
drafting-err-window-missing = Una versión abierta a comentarios necesita las fechas en que se abre y se cierra su período de comentarios. No se publicó nada.
drafting-err-bad-status = No se puede publicar una versión con el estado «{ $status }»: elija abierta a comentarios, cerrada o definitiva.
drafting-err-already-published = La versión { $version } ya está publicada.
drafting-err-not-latest = Este borrador revisa la versión { $version }, que ya no es la última versión publicada. No se publicó nada.
drafting-err-label-exists = La versión { $version } ya existe (quizá se importó desde content/). No se publicó nada.
drafting-err-front-unreadable = No se puede leer el encabezado TOML del borrador: { $problem }. No se publicó nada.
drafting-err-does-not-parse = El borrador no se puede analizar, así que no se publicó nada: { $problem }
drafting-err-label-mismatch = El encabezado TOML del borrador dice label "{ $found }", pero este es el borrador de la versión { $version }: escriba label = "{ $version }". No se publicó nada.
drafting-err-checklist-open = No se publicó nada: la lista de verificación tiene puntos pendientes. Corrija cada uno o marque su casilla en el formulario de publicación: { $items }

# El correo a quienes siguen una norma cuando se publica una versión nueva.
drafting-mail-published-subject = { $title }: se publicó la versión { $version }
drafting-mail-published = Se publicó la versión { $version } de { $title }.
drafting-mail-published-window = Se aceptan comentarios desde el { $opens } hasta el { $closes }.
drafting-mail-published-read = Léala:
drafting-mail-published-changes = Qué cambió desde la versión { $previous }:
drafting-mail-published-decisions = Qué se decidió sobre cada comentario de la versión { $previous }:

# La lista de verificación antes de publicar (drafts/checklist.rs).
drafting-check-undecided = { $open ->
    [one] { $open } de los { $total } comentarios públicos sobre la versión { $version } no tiene decisión.
   *[other] { $open } de los { $total } comentarios públicos sobre la versión { $version } no tienen decisión.
}
drafting-check-undecided-link = Abrir los comentarios sin decisión
drafting-check-unreleased = { $count ->
    [one] { $count } decisión sobre la versión { $version } todavía no se ha publicado.
   *[other] { $count } decisiones sobre la versión { $version } todavía no se han publicado.
}
drafting-check-unreleased-approved = { $count ->
    [one] { $count } aprobada: se publica (se hace pública, se envía por correo y se agrega al registro de integridad) cuando se publique esta versión.
   *[other] { $count } aprobadas: se publican (se hacen públicas, se envían por correo y se agregan al registro de integridad) cuando se publique esta versión.
}
drafting-check-unreleased-ready = { $count ->
    [one] { $count } marcada como lista, en espera de aprobación: publicar la versión no la publica.
   *[other] { $count } marcadas como listas, en espera de aprobación: publicar la versión no las publica.
}
drafting-check-unreleased-drafts = { $count ->
    [one] { $count } sigue siendo un borrador: publicar la versión no la publica.
   *[other] { $count } siguen siendo borradores: publicar la versión no las publica.
}
drafting-check-unreleased-link = Revisar y publicar las decisiones
drafting-check-numbering = Los números de cláusula no siguen una secuencia.
drafting-check-title = El título es el mismo que el de la versión { $version }: «{ $title }».
drafting-check-notes = Las notas son las mismas que las de la versión { $version }.
drafting-check-removed = Hay cláusulas que recibieron comentarios y no están en el borrador.
drafting-check-removed-clause = { $count ->
    [one] { $clause } ({ $count } comentario)
   *[other] { $clause } ({ $count } comentarios)
}

# Los números de cláusula (drafts/numbering.rs).
drafting-numbering-twice = { $number } se usa dos veces («{ $heading }»).
drafting-numbering-first = La primera cláusula tiene el número { $number }, no el 1.
drafting-numbering-gap = Después de { $previous } viene { $number } («{ $heading }»); el número siguiente debería ser uno de estos: { $expected }.
drafting-renumber-stale = No se renumeró: el borrador se volvió a guardar (revisión { $revision }, por { $by }) después de que usted lo abriera. No cambió nada; revise de nuevo los números y renumere si todavía hace falta.
drafting-renumber-failed = No se renumeró: { $problem }. No cambió nada.
drafting-renumber-changed-meanwhile = El borrador cambió mientras se renumeraba; vuelva a intentarlo.

# Guardar una cláusula (drafts/clause_text.rs, drafts/clauses.rs, drafts/desk.rs).
drafting-clause-bad-number = «{ $number }» no es un número de cláusula: escriba dígitos separados por puntos, como 3.5, o déjelo vacío.
drafting-clause-no-heading = El encabezado está vacío: una cláusula necesita un encabezado.
drafting-clause-key-in-heading = No escriba la clave en el encabezado: la cláusula conserva su clave por sí sola.
drafting-clause-too-large = El texto de la cláusula ocupa más de 256 KiB.
drafting-not-saved = No se guardó: { $problem }
drafting-not-saved-because = No se guardó: { $problem }. No cambió nada.
drafting-clause-removed-meanwhile = ese guardado eliminó esta cláusula del borrador
drafting-merge-number = mientras tanto el número se cambió a { $current }, y usted lo cambió a { $mine }
drafting-merge-heading = mientras tanto el encabezado se cambió a «{ $current }», y usted lo cambió a «{ $mine }»
drafting-merge-body = donde el texto del que usted partió dice «{ $base }», el texto guardado ahora dice «{ $current }» y el suyo, «{ $mine }»
drafting-clause-would-not-parse = No se guardó: con este texto, el borrador no se podría analizar. No cambió nada.
drafting-clause-heading-line = No se guardó: el texto contiene una línea de encabezado (una línea que empieza con #), que empezaría una cláusula nueva. Agregue o divida cláusulas en el archivo completo; aquí, edite solo esta cláusula.
drafting-clause-keys-change = No se guardó: con este texto, otras cláusulas del borrador cambiarían de clave. Escriba sus claves en el archivo completo ({"{"}#clave{"}"} al final de cada encabezado) y vuelva a guardar.
drafting-clause-changed-meanwhile = El borrador cambió mientras se guardaba la cláusula; vuelva a guardar.
drafting-clause-conflict = No se guardó: { $by } guardó el borrador (revisión { $revision }) después de que usted abriera { $clause }, y { $why }. No cambió nada. Elija el texto que desea conservar o combínelos abajo.
drafting-err-published-no-edit = La versión { $version } está publicada, así que su borrador ya no se puede editar; el borrador siguiente se empieza desde la página de comentarios recibidos de los editores.
drafting-err-no-parse-clauses = El borrador no se puede analizar, así que sus cláusulas no se pueden editar una por una: { $problem }. Corríjalo en el archivo completo.
drafting-err-clause-not-here = Esta cláusula no se puede editar aquí: { $problem }.

# El título y las notas (drafts/front.rs).
drafting-front-title-empty = No se guardó: el título está vacío. No cambió nada.
drafting-front-too-long = No se guardó: el título o las notas son demasiado largos. No cambió nada.
drafting-front-no-parse = No se guardó: el borrador no se puede analizar ({ $problem }); corríjalo primero en el archivo completo.
drafting-front-conflict = No se guardó: { $by } guardó el borrador (revisión { $revision }) después de que usted lo abriera y también cambió el título o las notas. No cambió nada. Los campos conservan lo que usted escribió; los valores guardados se muestran a su lado.
drafting-front-changed-meanwhile = El borrador cambió mientras se guardaba el título; vuelva a guardar.

# Incorporar al borrador el texto propuesto en un comentario (drafts/proposals.rs).
drafting-proposal-published = La versión { $version } ya está publicada; ya no se le pueden incorporar propuestas.
drafting-proposal-no-comment = No existe el comentario número { $id }.
drafting-proposal-other-version = El comentario { $tracking } no es sobre la versión { $version }, que es la que revisa este borrador.
drafting-proposal-not-published = El comentario { $tracking } no está publicado, así que su texto no se puede aceptar.
drafting-proposal-no-text = El comentario { $tracking } no propone texto de reemplazo para una cláusula.
drafting-proposal-already = El texto propuesto del comentario { $tracking } ya está en el borrador.
drafting-proposal-stale = El borrador se volvió a guardar (revisión { $revision }) después de que usted abriera esta página, así que su texto no se aplicó. La página muestra los textos tal como están ahora; su texto se conserva debajo de ellos.
drafting-proposal-no-clause = La cláusula «{ $clause }» no está en la versión { $version }, así que el texto del comentario { $tracking } no tiene nada que revisar.
drafting-proposal-not-applied = El texto del comentario { $tracking } no se aplicó: { $problem }.
drafting-proposal-changed-meanwhile = El borrador cambió mientras se aplicaba el texto; vuelva a intentarlo.
# Va después de «también cambió», con un espacio delante.
drafting-proposal-held = (el borrador ya contiene el texto propuesto del comentario { $comments })
drafting-proposal-more = { $count ->
    [one] , y difieren en { $count } lugar más
   *[other] , y difieren en { $count } lugares más
}
drafting-proposal-conflict = Conflicto: en la cláusula «{ $clause }», el comentario { $tracking } propone cambios en palabras que el borrador también cambió{ $held }, así que no se aplicó nada. Donde el texto publicado dice «{ $published }», el borrador dice «{ $draft }» y la propuesta, «{ $proposed }»{ $more }. Elija uno de los textos de abajo o escriba la cláusula como debe quedar, y registre la decisión sobre el comentario { $tracking } (por ejemplo, aceptado con modificaciones).

# Las páginas del borrador (web/drafts.rs, web/draft_clauses.rs, web/proposals.rs).
drafting-notice-saved = Se guardó como la revisión { $revision }.
drafting-notice-saved-merged = Se guardó como la revisión { $revision }, combinada con los cambios que otra persona guardó mientras tanto.
drafting-notice-applied = El texto propuesto del comentario { $tracking } se aplicó a su cláusula.
drafting-notice-merged = El texto propuesto del comentario { $tracking } se incorporó a esta cláusula.
drafting-notice-published = { $count ->
    [one] Publicada. Se enviará un correo a { $count } suscriptor.
   *[other] Publicada. Se enviará un correo a { $count } suscriptores.
}
drafting-notice-renumbered = { $count ->
    [one] Cláusulas renumeradas: cambió { $count } número.
   *[other] Cláusulas renumeradas: cambiaron { $count } números.
}
drafting-renumber-stale-page = No se renumeró: el borrador se volvió a guardar después de que usted lo abriera. No cambió nada; revise los números de abajo y vuelva a renumerar si todavía hace falta.
drafting-err-no-revision = El formulario no indicó qué revisión edita, así que no se guardó nada. Vuelva a cargar el borrador y haga su cambio otra vez.
drafting-err-no-revision-clause = El formulario no indicó qué revisión del borrador edita, así que no se guardó nada. Vuelva a abrir el borrador.
drafting-err-choose-comment = Elija el comentario cuyo texto propuesto desea aceptar.
drafting-preview-title = Vista previa del borrador de la versión { $version }
drafting-preview-intro = Cómo se lee ahora el borrador (revisión { $revision }), cláusula por cláusula, con la clave de cada una.
drafting-draft-redline-title = Borrador de la versión { $version } comparado con la versión { $base }
drafting-draft-redline-intro = Qué cambia el borrador (revisión { $revision }) en la versión { $base }: { $summary }

# El formulario de publicación (web/drafts.rs).
drafting-err-confirm = Marque la casilla que confirma la publicación: una versión publicada no se puede cambiar nunca. No se publicó nada.
drafting-err-choose-status = Elija cómo publicar la versión: abierta a comentarios, cerrada o definitiva. No se publicó nada.
drafting-err-unknown-status = «{ $status }» no es un estado que pueda tener una versión nueva: elija abierta a comentarios, cerrada o definitiva. No se publicó nada.
drafting-err-not-published = { $message } No se publicó nada.
drafting-err-bad-date = La fecha de publicación «{ $date }» no es una fecha; escríbala como 2026-12-01.
drafting-field-opens = la fecha y hora de apertura
drafting-field-closes = la fecha y hora de cierre del período de comentarios

# Revisar y publicar las decisiones (web/release.rs).
drafting-err-nothing-changed = { $message } No se cambió nada.

# Editar el archivo de una versión (standard/edit.rs).
drafting-edit-no-parse = el borrador no se puede analizar: { $problem }
drafting-edit-no-clause = el borrador no tiene ninguna cláusula con la clave «{ $key }»
drafting-edit-heading = el encabezado de la cláusula «{ $key }» (línea { $line }) no es una sola línea que empiece con #; edite esta cláusula a mano

# El encabezado TOML del archivo de una versión (standard/frontmatter.rs).
drafting-fm-missing = falta el encabezado TOML: el archivo debe empezar con una línea `+++`, seguida del TOML (label, title, status, …) y de otra línea `+++`
drafting-fm-not-closed = el encabezado TOML no está cerrado: agregue una línea `+++` después de los campos TOML
drafting-fm-invalid = encabezado TOML no válido: { $problem }
drafting-fm-bad-label = el valor de label `{ $label }` no es válido: use letras, dígitos, `.`, `-` o `_` (por ejemplo "2")
drafting-fm-no-title = el título (title) está vacío
drafting-fm-bad-published = published debe ser una fecha como 2026-03-02
drafting-fm-bad-opens = comment_opens debe ser una fecha y hora con su diferencia respecto a UTC, como 2026-03-02T14:00:00Z
drafting-fm-bad-closes = comment_closes debe ser una fecha y hora con su diferencia respecto a UTC, como 2026-04-30T23:59:00Z
drafting-fm-closes-before = comment_closes debe ser posterior a comment_opens
drafting-fm-both-or-neither = indique comment_opens y comment_closes, o ninguno de los dos
drafting-fm-open-needs-window = una versión con status "open" necesita comment_opens y comment_closes

# Las cláusulas del archivo de una versión (standard/parse.rs).
drafting-parse-not-utf8 = el archivo no es UTF-8 válido (byte incorrecto en la posición { $offset }); guárdelo como UTF-8
drafting-parse-empty = el archivo está vacío
drafting-parse-no-clauses = la versión no tiene cláusulas: cada cláusula empieza con un encabezado como `## 1 Alcance {"{"}#alcance{"}"}`
drafting-parse-no-words = un encabezado de cláusula no tiene palabras después de su número
drafting-parse-bad-key = la clave `{"{"}#{ $key }{"}"}` no es válida: las claves usan letras minúsculas, dígitos y guiones, y empiezan con una letra o un dígito

# Las comparaciones marcadas (redline/html.rs, comparison.rs).
# Lo que anuncian los lectores de pantalla antes de una inserción o una eliminación: «[insertado: …]».
drafting-redline-inserted = insertado
drafting-redline-deleted = eliminado
drafting-redline-legend = El texto insertado aparece { $inserted } y el eliminado, { $deleted }; los lectores de pantalla anuncian cada cambio.
drafting-redline-underlined = subrayado
drafting-redline-struck = tachado
drafting-redline-summary = Cláusulas agregadas: { $added }, eliminadas: { $removed }, modificadas: { $modified }, sin cambios: { $unchanged }; movidas: { $moved }.
drafting-redline-added = Agregada
drafting-redline-removed = Eliminada
drafting-redline-modified = Modificada
drafting-redline-unchanged = Sin cambios
drafting-redline-moved = Movida
drafting-redline-renumbered-from = Renumerada (antes { $number })
drafting-redline-replaced = Demasiado distinta para compararla palabra por palabra: se muestra reemplazada
# Después de «Historial», para los lectores de pantalla.
drafting-redline-of-this-clause = de esta cláusula
drafting-redline-change-moved = movida
drafting-redline-change-renumbered = renumerada
drafting-redline-change-replaced = se muestra reemplazada
drafting-history-renumbered = renumerada de { $from } a { $to }
drafting-redline-absent = No está en la versión { $version }.
drafting-redline-none = Ninguna cláusula cambió entre estas versiones.
drafting-redline-counts-caption = Cláusulas por tipo de cambio
drafting-redline-count-added = Agregadas
drafting-redline-count-removed = Eliminadas
drafting-redline-count-modified = Modificadas
drafting-redline-count-unchanged = Sin cambios
drafting-redline-count-moved = Movidas
drafting-redline-only-renumbered = Solo renumeradas
drafting-redline-changed-caption = Cláusulas que cambiaron ({ $count }), en el orden de la versión { $version }
drafting-redline-col-clause = Cláusula
drafting-redline-col-heading = Título
drafting-redline-col-change = Cambio
drafting-redline-go-to-change = (ir al cambio)
drafting-redline-unchanged-run = { $count ->
    [one] { $count } cláusula sin cambios: { $range }
   *[other] { $count } cláusulas sin cambios: { $range }
}
drafting-redline-range = de { $first } a { $last }

# Claves y estados en el texto fuente de una versión.
drafting-duplicate-key = clave duplicada `{ $key }`: ya la usa la cláusula de la línea { $line }; las claves deben ser únicas dentro de una versión
drafting-unknown-status = estado desconocido `{ $status }`; se esperaba uno de draft, open, closed, final, superseded
