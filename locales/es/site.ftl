# El marco de cada página: encabezado, cambio de idioma, pie.
site-skip = Saltar al contenido principal
site-nav = Sitio
site-standards = Normas
site-search-label = Buscar cláusulas, comentarios y decisiones
site-search = Buscar
site-footer = Docket publica borradores de normas para la administración electoral local para que el público los comente. La fuente de cada versión lleva una huella SHA-256 para que cualquiera pueda comprobar que lo que lee es lo que se publicó.

# Fechas y horas.
date-long = { $day } de { $month } de { $year }
date-time = { $date }, { $time }
month-1 = enero
month-2 = febrero
month-3 = marzo
month-4 = abril
month-5 = mayo
month-6 = junio
month-7 = julio
month-8 = agosto
month-9 = septiembre
month-10 = octubre
month-11 = noviembre
month-12 = diciembre

# Cómo se nombran las cláusulas, en todas las páginas y en el correo.
clause-name-whole-version = toda la versión
clause-name-unnumbered = «{ $heading }»
clause-name-full = la cláusula { $number } ({ $heading })
clause-name-short = la cláusula { $number }
clause-name-by-key = la cláusula «{ $key }»
clause-name-gone = la cláusula «{ $key }»
