# Mensajes de las páginas del personal y de sus acciones (decisions).

# Formularios de decisión: src/comments/dispositions.rs
decisions-err-choose-outcome = Elija un resultado para el comentario.
decisions-err-no-rationale = Escriba una justificación: cada decisión se publica con su motivo.
decisions-err-rationale-long = La justificación tiene más de { $max } caracteres; acórtela.
decisions-err-clause-key = «{ $key }» no es una clave de cláusula: las claves usan letras minúsculas, dígitos y guiones.
decisions-err-comment-number = «{ $value }» no es un número de comentario.
decisions-err-no-comment = No se indicó ningún comentario: elija el comentario sobre el que decidir.
decisions-err-too-many = Se pueden decidir como máximo { $max } comentarios a la vez.
decisions-err-no-key-in-version = La versión { $version } no tiene ninguna cláusula con la clave «{ $key }».
decisions-err-no-key-in-draft = El borrador de la versión { $version } no tiene ninguna cláusula con la clave «{ $key }».
decisions-err-no-key-no-draft = No hay ninguna cláusula con la clave «{ $key }», y todavía no hay borrador de la próxima versión.
decisions-err-draft-unparsed = No se puede comprobar la cláusula que resuelve porque el borrador de la versión { $version } no se puede analizar ({ $problem }). Corrija el borrador o deje la cláusula vacía.
decisions-err-no-such-comment = No existe el comentario número { $id }.
decisions-err-other-version = El comentario { $tracking } es sobre la versión { $other }, no sobre la versión { $version }: registre su decisión desde la página de comentarios recibidos de la versión { $other }.
decisions-err-not-published = El comentario { $tracking } no está publicado ({ $status ->
        [pending] está en espera de un moderador
        [hidden] está oculto
        [spam] se eliminó por ser spam
        [unverified] su autor no lo ha confirmado
       *[other] su estado es «{ $status }»
    }), así que no puede recibir una decisión.

# Dónde se resuelve una decisión: src/comments/dispositions/notes.rs y review.rs
decisions-resolved-in = versión { $version }, { $clause }
decisions-resolved-unpublished = versión { $version } (todavía no publicada), { $clause }
decisions-resolved-next = la próxima versión, { $clause }
decisions-resolved-which-is = { $place }, que es { $clause } en la versión { $version }

# El informe de decisiones y los hilos: src/comments/dispositions/report.rs, threads.rs
decisions-report-hidden = (Oculto por un moderador. Motivo: { $reason })
decisions-report-spam = (Eliminado por ser spam.)
decisions-earlier-comment = un comentario anterior

# Revisión y publicación: src/comments/dispositions/review.rs
decisions-err-release-mode = «{ $mode }» no es una forma de publicar las decisiones: elija immediate o review.
decisions-err-mode-waiting = { $count ->
    [one] { $count } decisión de esta norma está en espera de publicación: publíquela o retírela primero. No se cambió nada.
   *[other] { $count } decisiones de esta norma están en espera de publicación: publíquelas o retírelas primero. No se cambió nada.
}
decisions-err-review-step = «{ $step }» no es un paso de la revisión: use ready, approve o withdraw.
decisions-err-nothing-waiting = El comentario número { $id } no tiene ninguna decisión en espera de publicación en la versión { $version }.
decisions-err-already-ready = La decisión sobre el comentario { $tracking } ya está marcada como lista.
decisions-err-own-ready = Usted marcó como lista la decisión sobre el comentario { $tracking }, así que otro editor (o un administrador) debe aprobarla.
decisions-err-not-ready = La decisión sobre el comentario { $tracking } todavía no está marcada como lista: un editor la marca como lista y después otro la aprueba.
decisions-err-already-approved = La decisión sobre el comentario { $tracking } ya está aprobada.
decisions-err-none-approved = Ninguna decisión sobre la versión { $version } está aprobada, así que no se publicó nada.
decisions-err-not-on-version = El comentario { $tracking } no es sobre la versión { $version }.
decisions-err-not-reply = El comentario { $tracking } no es una respuesta: solo las respuestas se pueden señalar como sin necesidad de decisión.
decisions-err-reply-not-published = El comentario { $tracking } no está publicado ({ $status ->
        [pending] está en espera de un moderador
        [hidden] está oculto
        [spam] se eliminó por ser spam
        [unverified] su autor no lo ha confirmado
       *[other] su estado es «{ $status }»
    }).
decisions-err-already-decided = El comentario { $tracking } ya tiene una decisión.
decisions-staff-fallback = miembro del personal { $id }

# Los comentarios recibidos: src/comments/workspace.rs
decisions-err-filter-type = «{ $value }» no es un filtro de tipo: use general, technical o editorial, o déjelo vacío.
decisions-err-filter-status = «{ $value }» no es un filtro de estado: use published, pending, hidden, spam o unverified, o déjelo vacío.
decisions-err-filter-disposition = «{ $value }» no es un filtro de decisión: use none, open, any o uno de los resultados, o déjelo vacío.
decisions-err-filter-proposed = «{ $value }» no es un filtro de texto propuesto: use yes o no, o déjelo vacío.
decisions-err-filter-office = «{ $value }» no es un filtro de oficina electoral: use yes o no, o déjelo vacío.
decisions-err-page-both = Pida la página después de un comentario o antes de uno, no ambas cosas.
decisions-err-from-key = «{ $key }» no es una clave de cláusula.
decisions-section-whole = Toda la versión
decisions-section-clause = Cláusula { $clause }
decisions-section-gone = Cláusula «{ $key }» (no está en esta versión)
decisions-accepted-in = el borrador de la versión { $version }

# Canales y la API: src/comments/published.rs, src/web/api.rs
decisions-feed-author-office = { $author }, oficina electoral: { $office } ({ $badge })
decisions-err-api-limit = `limit` debe ser un número entero de 1 a { $max } (por omisión, { $default }).
decisions-err-api-after = `after` debe ser el cursor que indica el enlace `next` de la página anterior.
decisions-err-api-office = office debe ser `yes` o `no`, no `{ $value }`
