# pages
# Las páginas públicas de lectura: normas, versiones, cláusulas,
# comparaciones, historiales, registros de cambios, el informe de
# decisiones y la búsqueda.

# Compartidos por varias páginas.
pages-breadcrumb = Ruta de navegación
pages-version = Versión { $label }
pages-version-titled = Versión { $label }: { $title }
pages-version-col = Versión
pages-versions = Versiones
pages-status = Estado
pages-published = Publicada
pages-comment-period = Período de comentarios
pages-welcome-now = (se reciben comentarios ahora)
pages-no-version = Todavía no se ha publicado ninguna versión.
pages-window = del { $opens } al { $closes }
pages-standard-version = { $standard }, versión { $label }
pages-back-to-version = Volver a la versión { $label }

# Estado de una versión.
status-draft = Borrador (sin publicar)
status-open = Abierta a comentarios
status-closed = Período de comentarios cerrado
status-final = Definitiva
status-superseded = Reemplazada

# Resultado de una decisión de los editores.
outcome-accepted = Aceptado
outcome-accepted-modified = Aceptado con modificaciones
outcome-not-accepted = No aceptado
outcome-noted = Tomado en cuenta
outcome-duplicate = Duplicado
outcome-out-of-scope = Fuera del alcance

# Tipo de comentario.
kind-general = General
kind-technical = Técnico
kind-editorial = Editorial

# home.html
home-title = Normas para la administración electoral
home-lede = Lea cada borrador cláusula por cláusula, vea qué cambió entre versiones y diga a los editores lo que piensa mientras un borrador está abierto a comentarios.
home-none = Todavía no se ha publicado ninguna norma.
home-latest = Última versión

# standard.html
standard-follow = Siga esta norma por correo electrónico
standard-follow-after = : entérese de nuevos borradores y períodos de comentarios. O siga su
standard-feed = canal de versiones
standard-feed-after = (Atom) en un lector de canales.
standard-caption = Versiones publicadas, de la más reciente a la más antigua. Las horas están en { $zone }.
standard-compare-intro = Vea qué cambió entre dos versiones cualesquiera, cláusula por cláusula:
standard-compare-link = cambios de la versión { $from } a la versión { $to }

# version_facts.html
facts-sha = SHA-256 del texto fuente
facts-download = descargue el texto fuente
facts-to-check = para comprobarlo

# newer_notice.html
newer-not-current = La versión { $label } no es la versión vigente de { $standard }.
newer-read-clause = Lea { $clause } en la versión { $label }
newer-read-version = Lea la versión { $label }
newer-current = , la versión vigente ({ $status })
newer-clause-gone = ; esta cláusula no está en ella

# version.html
version-times = Las horas se muestran en { $zone }.
version-changelog = Registro de cambios de la versión { $label }
version-changelog-what = (períodos de comentarios, decisiones, publicación)
version-of-version = de la versión { $label }
version-report-what = (qué pasó con cada comentario)
version-follow = Siga { $standard } por correo electrónico
version-open-data = Todos los comentarios públicos como datos abiertos:
version-file-of-comments = archivo de los comentarios sobre la versión { $label }
version-feeds = Canales
version-feed-comments = comentarios nuevos
version-feed-decisions = decisiones de los editores
version-changed-since = Qué cambió desde la versión { $label }
version-contents = Contenido
version-permalink = Enlace permanente
version-to-clause = a { $clause }
version-open-clause = Abrir { $clause } en su propia página
version-changes-to = Cambios en { $clause } desde la versión { $label }
version-history = Historial
version-of-clause = de { $clause }
version-comment-on = Comentar { $clause }
version-on-clause = sobre { $clause }
version-on-earlier = { $count } sobre versiones anteriores

# clause.html
clause-in-section = En esta sección
clause-key = Clave:
clause-read-full = Leer en la versión completa
clause-history = Historial de esta cláusula
clause-follow-feeds = Siga la versión { $label } en un lector de canales (Atom):
clause-neighbours = Cláusulas vecinas
clause-previous = Anterior:
clause-next = Siguiente:

# changelog.html
changelog = Registro de cambios
changelog-title = Registro de cambios: { $standard }, versión { $label }
changelog-intro = Lo que hicieron los editores con esta versión después de publicarla: períodos de comentarios abiertos, cerrados y extendidos, decisiones sobre comentarios y publicaciones. Las horas están en { $zone }.
changelog-empty = Todavía no se ha registrado nada para esta versión.

# history.html
history-of = Historial de “{ $heading }”
history-lede-key = La cláusula con clave
history-lede-every = en cada versión publicada de { $standard }.
history-caption = Dónde aparece la cláusula
history-number = Número
history-heading = Título
history-unnumbered = (sin número)
history-absent = No está en esta versión
history-one-version = Esta cláusula aparece en una sola versión publicada, así que no tiene cambios que mostrar.
history-step = De la versión { $from } a la versión { $to }: { $change }
history-see-change = Ver este cambio en la comparación completa de las versiones { $from } y { $to }

# compare.html y compare_form.html
compare-versions = Comparar versiones
compare-title-short = Cambios de la versión { $from } a la { $to }
compare-title = Cambios de la versión { $from } a la versión { $to }
compare-crumb = Comparar las versiones { $from } y { $to }
compare-version-titled = versión { $label }, { $title }
compare-compared-with = , comparada con
compare-ways = Formas de leer esta comparación
compare-reverse = Invertir el sentido
compare-form-legend = Comparar dos versiones
compare-form-from = De
compare-form-to = A
compare-form-view = Vista
compare-form-submit = Comparar
compare-view-inline = En línea
compare-view-side = Lado a lado
compare-view-changes = Solo los cambios
compare-view-summary = Tabla resumen

# dispositions.html
report = Informe de decisiones
report-title-short = Informe de decisiones — { $standard }, versión { $label }
report-title = Informe de decisiones: { $standard }, versión { $label }
report-intro = Cada comentario público sobre la versión { $label } y la decisión de los editores: el resultado, el motivo y la cláusula de una versión posterior que lo resuelve.
report-decided = { $decided } de { $total } { $total ->
    [one] comentario tiene
   *[other] comentarios tienen
  } una decisión hasta ahora.
report-from-offices = { $count } de oficinas electorales.
report-only-offices = Solo esos aparecen abajo.
report-list-all = Ver todos los comentarios
report-list-offices = Ver solo los comentarios de oficinas electorales
report-download = Descargar:
report-csv = CSV (hoja de cálculo)
report-no-comments = La versión { $label } no tiene comentarios públicos.
report-glance = De un vistazo
report-by-outcome = Decisiones por resultado
report-outcome = Resultado
report-comments = Comentarios
report-no-decision = Todavía no hay decisión
report-by-clause = Comentarios por cláusula
report-clause = Cláusula
report-decided-col = Con decisión
report-in-order = Comentarios y decisiones, en el orden de las cláusulas
report-whole-version = Toda la versión
report-comment = Comentario { $tracking }
report-by = de
report-office = Oficina electoral:
report-in-reply-to = en respuesta a { $tracking }
report-proposed = Texto propuesto, marcado contra la cláusula:
report-rationale = Motivo
report-resolved-in = Resuelto en
report-what-changed = Qué cambió
report-in-clause = en { $clause }
report-pages = Páginas del informe
report-first-page = Primera página
report-previous = Comentarios anteriores
report-next = Comentarios siguientes

# search.html
search-title-q = Buscar: { $q }
search-words = Palabras que buscar
search-help-every = Deben aparecer todas las palabras. Use
search-help-phrase = para palabras juntas,
search-help-prefix = para palabras que empiezan así,
search-help-or = entre dos palabras para cualquiera de ellas, y
search-help-not = para excluir una palabra.
search-narrow = Acotar la búsqueda
search-show = Mostrar
search-what-all = Cláusulas, comentarios y decisiones
search-what-clauses = Cláusulas
search-what-comments = Comentarios
search-what-decisions = Decisiones
search-standard = Norma
search-every-standard = Todas las normas
search-every-version = Todas las versiones
search-kind = Tipo de comentario
search-any-kind = Cualquier tipo
search-decision = Decisión
search-decided-any = Con o sin decisión
search-decided-yes = Comentarios con decisión
search-decided-no = Comentarios sin decisión
search-nothing = Nada coincide con
search-nothing-try = Pruebe con menos palabras, o con el comienzo de una palabra seguido de
search-results = { $count ->
    [one] { $count } resultado
   *[other] { $count } resultados
  }
search-page-of = , página { $page } de { $pages }
search-kind-clause = Cláusula
search-kind-comment = Comentario
search-kind-decision = Decisión
search-in-version = { $standard }, versión { $label }
search-pages = Páginas de resultados
search-previous = Página anterior
search-next = Página siguiente

# Canales Atom (el idioma del canal sigue al de la solicitud).
feed-versions-title = Versiones de { $standard }
feed-comments-title = Comentarios sobre { $standard }, versión { $label }
feed-decisions-title = Decisiones sobre los comentarios de { $standard }, versión { $label }
feed-editors = Los editores de { $standard }
feed-version-entry = Versión { $label }: { $title } ({ $status })
feed-status = Estado: { $status }.
feed-comment-period = Período de comentarios: { $window } ({ $zone }).
feed-sha = SHA-256 del texto fuente:
feed-resolved-in = Resuelto en { $clause }.
feed-decision-entry = { $outcome }: comentario { $tracking } sobre { $clause }
feed-comment-entry = Comentario sobre { $clause } de { $name } ({ $tracking })
feed-reply-entry = Respuesta sobre { $clause } de { $name } ({ $tracking })

# Recuentos de comentarios junto a las cláusulas, y notas bajo una búsqueda.
discussion-count-none = Todavía no hay comentarios
discussion-count = { $count ->
    [one] 1 comentario
   *[other] { $shown } comentarios
}
search-note-max-terms = Solo se buscaron las primeras { $max } palabras y frases.
search-note-only-excluded = Las palabras después de un signo menos solo acotan una búsqueda; añada una palabra que buscar.
reading-no-text = No hay ningún texto en «{ $value }». Elija { $choices }.
reading-or = o
search-err-yes-no = «{ $value }» no es sí ni no.
search-err-version-alone = Elija una norma para buscar en una de sus versiones.
search-err-pages = Las páginas van de la 1 a la { $max }; acote la búsqueda para ver más.
search-err-no-standard = No hay ninguna norma «{ $slug }».
search-note-type-words = Escriba una o más palabras que buscar.
search-note-more = Esta búsqueda encuentra más de { $ranked } comentarios y decisiones: aquí se ordenan los { $ranked } más recientes, con todas las cláusulas que encuentra. Añada palabras o elija una norma, una versión o un tipo para acotarla.
search-decision-title = Decisión sobre el comentario { $tracking }: { $outcome }
search-by-office = { $by }, oficina electoral: { $office }
search-kind-general = general
search-kind-technical = técnico
search-kind-editorial = editorial
search-comment-title = Comentario { $kind } { $tracking } de { $by }, sobre { $place }

# Notas sobre las traducciones en las páginas de versiones, cláusulas y comparaciones.
language-name-en = inglés
language-name-es = español
reading-notice-translated = Esta es una traducción al { $language } de la versión { $version }, por comodidad. El texto oficial es el inglés:
reading-notice-official-link = leer el texto oficial en inglés
reading-notice-same-key = Un comentario sobre una cláusula pertenece a esa cláusula en todos los idiomas.
reading-notice-missing = La versión { $version } no tiene traducción al { $language }, así que se muestra el texto oficial en inglés.
reading-offer-in = Leer esta versión en { $language }
compare-notice-translated = Esta comparación es entre las traducciones al { $language } de ambas versiones, por comodidad. Los textos oficiales son los ingleses:
compare-notice-official-link = comparar los textos oficiales en inglés
compare-notice-missing = La versión { $versions } no tiene traducción al { $language }, así que esta es la comparación de los textos oficiales en inglés.
compare-offer = Comparar las traducciones al { $language } de estas versiones
compare-and = y
