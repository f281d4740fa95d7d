# editor

# Shared by the editors' pages.
editor-draft-of-version = Borrador de la versión { $version }
editor-of-standard = de { $standard }
editor-on-version = sobre la versión { $version }
editor-for-version = de la versión { $version }
editor-feedback-on-version = Comentarios recibidos sobre la versión { $version }
editor-not-saved = No se guardó
editor-does-not-parse = El borrador no se puede analizar
editor-back-to-draft = Volver al borrador
editor-compare-with = Comparar con la versión { $version }
editor-title = Título
editor-number = Número
editor-heading = Encabezado
editor-key = Clave
editor-all-clauses = Todas las cláusulas del borrador
editor-save-title-notes = Guardar el título y las notas
editor-as-published-in = Tal como se publicó en la versión { $version }
editor-not-in-version = No está en la versión { $version }.
editor-changes-from-published = Cambios respecto al texto publicado:
editor-removed = eliminado
editor-added = agregado
editor-numbers-to-check = Números de cláusula que revisar
editor-renumber = Renumerar las cláusulas en orden
editor-keys-stay = Las claves se mantienen; solo cambian los números.

# editor/index.html
editor-index-title = Comentarios recibidos y borradores
editor-index-intro = Lea cada comentario sobre una versión, registre una decisión sobre cada uno, incorpore el texto aceptado al borrador de la siguiente versión y publíquelo. El informe de decisiones de cada versión es público.
editor-index-no-standard = Todavía no se ha importado ninguna norma.
editor-index-draft-tasks = : edítelo, véalo, compárelo y publíquelo.
editor-index-start-draft = Empezar el borrador de la versión { $version }
editor-index-no-version = No hay ninguna versión publicada.
editor-index-caption = Versiones publicadas de { $standard }, de la más reciente a la más antigua
editor-col-version = Versión
editor-col-comments = Comentarios
editor-col-decided = Con decisión
editor-col-pages = Páginas
editor-feedback = Comentarios recibidos
editor-report = Informe

# editor/draft.html
editor-draft-heading = Borrador de la versión { $version } de { $standard }
editor-preview = Vista previa
editor-download = Descargar { $file }.md
editor-version = versión { $version }
editor-draft-is-published = Este borrador está publicado
editor-draft-published-as = como
editor-draft-no-longer-change = y ya no puede cambiar. Descargue
editor-draft-commit-as = y guárdelo en el repositorio, sin cambios, como
editor-draft-revision = Revisión { $revision }, guardada { $updated }
editor-draft-saved-by = por { $by }.
editor-draft-revises = Revisa la versión { $version }.
editor-draft-save-anyway = Puede guardarlo tal como está, pero no se puede publicar hasta que se corrija.
editor-draft-parses = El borrador se analiza correctamente: { $count } cláusulas.
editor-title-and-notes = Título y notas
editor-title-unchanged = El título sigue siendo el de la versión { $version }.
editor-notes-unchanged = Las notas siguen siendo las de la versión { $version }.
editor-notes-label = Notas sobre esta versión (Markdown: qué cambió y por qué)
editor-clauses = Cláusulas
editor-numbers-in-sequence = Los números de cláusula siguen una secuencia.
editor-references-unchanged = Las referencias a números dentro del texto no se cambian.
editor-clauses-caption = Abra una cláusula para editarla junto a su texto publicado y sus comentarios
editor-whole-file = Editar el archivo completo
editor-whole-file-a = El archivo de la versión: encabezado TOML entre líneas
editor-whole-file-b = y después Markdown. Cada encabezado empieza una cláusula; conserve el
editor-whole-file-c = de cada cláusula para que sus comentarios e historial la sigan.
editor-save-revision = Guardar la revisión { $revision }
editor-rejected-title = Su texto que no se guardó
editor-rejected-text = Copie lo que necesite desde aquí al borrador actual de arriba y después guarde.
editor-unsaved-text = Texto sin guardar
editor-publish-ellipsis = Publicar la versión { $version }…
editor-accepted-title = Texto propuesto incorporado a este borrador
editor-accepted-none = Todavía ninguno. Acepte texto propuesto desde la página de comentarios recibidos de la versión { $version }.
editor-accepted-comment = Comentario
editor-accepted-into = en la cláusula

# editor/draft_view.html, editor/front.html
editor-back-to-draft-of = Volver al borrador de la versión { $version }
editor-front-title = El título y las notas no se guardaron — borrador de la versión { $version }
editor-front-heading = Título y notas del borrador de la versión { $version }
editor-saved-now = Guardado ahora
editor-notes = Notas
editor-notes-markdown = Notas sobre esta versión (Markdown)

# editor/publish.html
editor-publish-version = Publicar la versión { $version }
editor-publish-heading = Publicar la versión { $version } de { $standard }
editor-publish-fix-first = Corríjalo en el borrador antes de publicar.
editor-publish-intro = Al publicar, el borrador ({ $count } cláusulas) pasa a ser la versión { $version }: pública y sin cambios nunca más.
editor-publish-superseded = La versión { $version } queda marcada como reemplazada y su período de comentarios termina ahora.
editor-publish-subscribers = Se envía un correo a los suscriptores de { $standard }.
editor-publish-checklist-ok = Lista de verificación: cada comentario sobre la versión { $version } tiene una decisión, los números de cláusula siguen una secuencia, el título y las notas son nuevos y no se eliminó ninguna cláusula que recibiera comentarios.
editor-publish-checks = Antes de publicar: corrija cada uno de estos puntos en el borrador o en los comentarios recibidos, o marque su casilla para publicar de todos modos
editor-publish-ack = Lo he visto y publico de todos modos.
editor-publish-how = Cómo publicarla
editor-publish-open = Abierta a comentarios
editor-publish-closed = Publicada, no abierta a comentarios
editor-publish-final = Definitiva
editor-publish-date = Fecha de publicación
editor-publish-period = Período de comentarios (si está abierta a comentarios; horas en { $tz })
editor-publish-empty-now = (vacío: ahora)
editor-publish-confirm = He leído la comparación marcada y entiendo que la versión { $version } no se puede cambiar una vez publicada.

# editor/clause.html
editor-draft-of-version-lower = borrador de la versión { $version }
editor-clause-in-draft = en el borrador de la versión { $version }
editor-previous = Anterior: { $name }
editor-next = Siguiente: { $name }
editor-fields-kept = Los campos de abajo conservan lo que escribió.
editor-clause-in-draft-revision = En el borrador (revisión { $revision })
editor-number-hint = (como 3.5; puede quedar vacío)
editor-key-kept = se mantiene sea cual sea el encabezado o el número, para que los comentarios y el historial sigan a la cláusula.
editor-clause-text = Texto de la cláusula (Markdown)
editor-save-clause = Guardar esta cláusula
editor-changes-from-version = Cambios respecto a la versión { $version }
editor-clause-new = Esta cláusula es nueva en el borrador.
editor-marked = Marcado:
editor-clause-side = La cláusula tal como se publicó y sus comentarios
editor-comments-and-decisions = Comentarios y decisiones ({ $count })
editor-no-public-comments = No hay comentarios públicos sobre esta cláusula.
editor-by = de { $author }
editor-a-reply = una respuesta
editor-proposed-text = Texto propuesto:
editor-proposed-in-draft = Su texto propuesto está en el borrador.
editor-accept-comment-text = Incorporar al borrador el texto del comentario { $tracking }
editor-decision-is = Decisión: { $outcome }.
editor-no-decision-yet = Todavía no hay decisión.
editor-more-comments = Más comentarios sobre esta cláusula

# editor/clause_conflict.html, editor/conflict.html
editor-conflict-title = Conflicto en { $clause } — borrador de la versión { $version }
editor-clause-conflict-heading = { $by } cambió { $clause } mientras usted la editaba
editor-clause-as-saved = { $clause } tal como está guardada ahora
editor-saved-by = Guardado por { $by } (revisión { $revision })
editor-keep-theirs = Conservar este texto y dejar el mío
editor-your-text = Su texto
editor-save-mine = Guardar mi texto en lugar del de { $by }
editor-write-clause = O escriba la cláusula como debe quedar
editor-clause-text-yours = Texto de la cláusula (Markdown); empieza con el suyo
editor-save-text = Guardar este texto
editor-proposal-conflict-heading = El comentario { $tracking } y el borrador cambian las mismas palabras
editor-nothing-changed-yet = Todavía no ha cambiado nada.
editor-in-the-draft = En el borrador
editor-with-comment = (con el comentario { $tracking })
editor-keep-draft = Conservar el texto del borrador
editor-as-proposed-by = Tal como lo propone el comentario { $tracking }
editor-take-proposed = Tomar el texto propuesto
editor-write-named-clause = O escriba { $clause } como debe quedar (Markdown)
editor-save-into-draft = Guardar este texto en el borrador
editor-record-disposition = Elija lo que elija, registre la decisión sobre el comentario { $tracking } en la página de comentarios recibidos (por ejemplo, aceptado con modificaciones).

# editor/feedback.html and src/web/editor.rs
editor-feedback-title = Comentarios recibidos sobre { $standard }, versión { $version }
editor-outcome = Resultado
editor-rationale = Justificación
editor-rationale-hint = (obligatoria; se publica con la decisión)
editor-resolving-clause = Cláusula de la siguiente versión que lo resuelve
editor-resolving-clause-hint = (su clave, opcional)
editor-save-decision-draft = Guardar la decisión como borrador
editor-record-decision = Registrar la decisión
editor-pages-of-comments = Páginas de comentarios
editor-first-page = Primera página
editor-previous-page = { $count } comentarios anteriores
editor-next-page = { $count } comentarios siguientes
editor-all-standards = Todas las normas
editor-version-capital = Versión { $version }
editor-public-report = Informe de decisiones público
editor-decided-of-total = { $decided } de { $total }
editor-have-a-decision = comentarios tienen una decisión.
editor-filters-show = Los filtros de abajo muestran { $shown } de ellos.
editor-mode-review = Las decisiones sobre esta norma se revisan antes de publicarse: una decisión registrada aquí es un borrador que solo ve el personal hasta que otro editor la aprueba y se publica.
editor-mode-immediate = Las decisiones sobre esta norma se publican de inmediato: cada una es pública y se envía por correo en el momento en que se registra.
editor-review-and-release = Revisar y publicar
editor-waiting-count = ({ $count } en espera)
editor-counts = Recuentos
editor-by-status = Por estado:
editor-none-yet = todavía ninguno
editor-from-offices = { $count } de oficinas electorales
editor-by-decision = Por decisión:
editor-filter-and-search = Filtrar y buscar
editor-filter-type = Tipo
editor-filter-decision = Decisión
editor-filter-proposed = Texto propuesto
editor-filter-office = Oficina electoral
editor-filter-org = La organización contiene
editor-filter-words = Palabras del comentario
editor-clear-filters = Quitar los filtros
editor-campaigns = Campañas: copias exactas y casi exactas
editor-largest = más grandes
editor-campaigns-intro = Comentarios con el mismo texto, con unas pocas palabras de diferencia, agrupados a medida que llegaron. Cada miembro sigue apareciendo bajo su cláusula más abajo y se cuenta por separado; una decisión aquí se registra en cada comentario que el formulario nombra, y se envía un correo a cada autor.
editor-campaign-heading = Campaña { $number }: { $size } comentarios ({ $decided } con decisión)
editor-by-word = de
editor-on-place = sobre { $place }
editor-list-campaign = Ver los { $size } comentarios de la campaña { $number }
editor-decide-campaign-all = Decidir los { $size } comentarios de la campaña { $number }
editor-decide-campaign-some = Decidir { $size } comentarios de la campaña { $number } (los primeros sin decisión; después el formulario ofrece los siguientes)
editor-open-replies = Respuestas todavía sin decisión
editor-first-50 = las primeras 50
editor-open-replies-intro = Las respuestas que solo están de acuerdo con un comentario no necesitan una decisión propia. Márquelas y señálelas juntas: siguen publicadas y ya no cuentan como pendientes en la lista de verificación de publicación.
editor-replies-no-decision = Respuestas que no necesitan decisión
editor-mark-replies = Señalar las respuestas marcadas como sin necesidad de decisión
editor-no-match = Ningún comentario coincide con estos filtros.
editor-no-comments = Todavía no hay comentarios sobre esta versión.
editor-clauses-with-comments = Cláusulas con comentarios
editor-shown-of = { $shown } de
editor-comment-count = { $count ->
    [one] { $count } comentario
   *[other] { $count } comentarios
}
editor-read-public = Leerla en el sitio público
editor-campaign-n = Campaña { $number }
editor-one-of-copies = Una de { $size } copias
editor-taken-into = Texto propuesto incorporado a { $version }
editor-no-decision-needed = No necesita decisión
editor-decision-on = Decisión sobre el comentario { $tracking }
editor-accept-into-draft = Incorporar el texto propuesto al borrador de la versión { $version }
editor-comment-n = comentario { $tracking }
editor-only-published = Solo los comentarios publicados pueden recibir una decisión.
editor-moderate = Moderar
editor-redact-on-page = Suprimir parte del comentario { $tracking } en su página
editor-choose-outcome = Elija un resultado
editor-filter-any = Cualquiera
editor-filter-no-decision = Todavía no hay decisión
editor-filter-still-open = Todavía pendiente (sin borrador, sin marcar como innecesaria)
editor-filter-decided = Con decisión
editor-kind-any = Cualquier tipo
editor-kind-general = General
editor-kind-technical = Técnico
editor-kind-editorial = Editorial
editor-status-any = Cualquiera (excepto sin confirmar)
editor-status-published = Publicado
editor-status-pending = En espera de un moderador
editor-status-hidden = Oculto
editor-status-spam = Spam
editor-status-unverified = Sin confirmar por su autor
editor-office-any = Cualquiera
editor-office-yes = De oficinas electorales
editor-office-no = No de oficinas electorales
editor-proposed-any = Cualquiera
editor-proposed-yes = Con texto propuesto
editor-proposed-no = Sin texto propuesto
editor-notice-waived = { $count ->
    [one] { $count } respuesta señalada como sin necesidad de decisión.
   *[other] { $count } respuestas señaladas como sin necesidad de decisión.
}
editor-notice-draft-saved = { $count ->
    [one] Se guardó un borrador de decisión para { $count } comentario: solo lo ve el personal hasta que se apruebe y se publique.
   *[other] Se guardó un borrador de decisión para { $count } comentarios: solo lo ve el personal hasta que se apruebe y se publique.
}
editor-notice-recorded = { $count ->
    [one] Decisión registrada; se enviará un correo al autor del comentario.
   *[other] Decisión registrada para { $count } comentarios; se enviará un correo a cada autor.
}
editor-notice-accepted = El texto propuesto del comentario { $tracking } ya está en el borrador.
editor-next-published = Las cláusulas que resuelven se comprueban con la versión { $version }, que ya está publicada.
editor-next-draft = Las cláusulas que resuelven se comprueban con el borrador de la versión { $version }.
editor-next-none = Todavía no hay borrador de la siguiente versión: las cláusulas que resuelven se comprueban con las cláusulas de esta versión.
editor-nothing-recorded = { $message } No se registró nada.

# editor/release.html and src/web/release.rs
editor-review-state = { $state ->
    [ready] Lista para aprobación
    [approved] Aprobada, en espera de publicación
   *[draft] Borrador
}
editor-not-yet-released = Todavía no publicada: { $outcome } ({ $state ->
    [ready] lista para aprobación
    [approved] aprobada, en espera de publicación
   *[draft] borrador
})
editor-release-title = Revisar y publicar: { $standard }, versión { $version }
editor-release-heading = Revisar y publicar las decisiones sobre la versión { $version } de { $standard }
editor-back-to-feedback = Volver a los comentarios recibidos
editor-release-how = Cómo se publican las decisiones sobre { $standard }
editor-release-legend = Publicación de las decisiones
editor-release-immediately = De inmediato: cada decisión es pública, se envía por correo y entra en el registro de integridad en el momento en que se registra
editor-release-after-review = Después de una revisión: una decisión es un borrador para el personal hasta que un editor la marca como lista, un segundo editor o un administrador la aprueba, y se publica
editor-release-save-mode = Guardar cómo se publican las decisiones
editor-release-waiting = Decisiones en espera de publicación ({ $count })
editor-release-drafts = { $count ->
    [one] { $count } borrador
   *[other] { $count } borradores
}
editor-release-ready = { $count } listas para aprobación
editor-release-approved = { $count } aprobadas.
editor-release-also = Las decisiones aprobadas también se publican cuando se publica la versión siguiente a la versión { $version }.
editor-release-button = { $count ->
    [one] Publicar { $count } decisión aprobada
   *[other] Publicar { $count } decisiones aprobadas
}
editor-release-all-or-none = Todas juntas, o ninguna: cada una se hace pública en el informe, la API y los canales, se agrega al registro de integridad y se envía un correo a su autor.
editor-release-mark-all = Marcar como listos para aprobación todos los borradores de la lista
editor-release-approve-all = Aprobar todas las decisiones de la lista que otra persona marcó como listas
editor-release-none-waiting = Ninguna decisión sobre la versión { $version } está en espera de publicación.
editor-release-first-listed = Se muestran las primeras { $count }.
editor-release-comment-on = Comentario { $tracking }, sobre { $place }
editor-release-resolved-in = Resuelto en { $clause }
editor-release-drafted-by = Redactada por { $name }
editor-release-ready-by = marcada como lista por { $name }
editor-release-approved-by = aprobada por { $name }
editor-release-mark-ready = Marcar como lista para aprobación
editor-release-approve = Aprobar
editor-release-withdraw = Retirar
editor-release-the-decision-on = la decisión sobre el comentario { $tracking }
editor-release-you-marked = Usted la marcó como lista: otro editor o un administrador la aprueba.
editor-release-released = { $count ->
    [one] { $count } decisión publicada: ahora es pública, se envió por correo a los autores y se agregó al registro de integridad.
   *[other] { $count } decisiones publicadas: ahora son públicas, se enviaron por correo a los autores y se agregaron al registro de integridad.
}
editor-release-updated = { $count ->
    [one] { $count } decisión actualizada.
   *[other] { $count } decisiones actualizadas.
}
editor-release-mode-review = Las decisiones sobre esta norma ahora se revisan antes de publicarse.
editor-release-mode-immediate = Las decisiones sobre esta norma ahora se publican en cuanto se registran.
editor-not-a-comment-number = “{ $id }” no es un número de comentario.
editor-too-many-replies = Demasiadas respuestas a la vez. No se cambió nada.
editor-no-reply-ticked = No se marcó ninguna respuesta: marque las respuestas que no necesitan decisión. No se cambió nada.
