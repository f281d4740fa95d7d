# errors
# Páginas de error: títulos y mensajes comunes.
err-not-found-title = Página no encontrada
err-not-found = No hay ninguna página en esta dirección. Puede que esté mal escrita, o que la norma o la versión no existan.
err-bad-request-title = No se pudo procesar la solicitud
err-forbidden-title = No permitido
err-sign-in-title = Debe iniciar sesión
err-sign-in = Esta página es para el personal con sesión iniciada. Inicie sesión en /staff/login.
err-too-many-title = Demasiadas solicitudes
err-too-many = Usted envió más de lo que este sitio acepta desde una misma dirección en poco tiempo. No se guardó nada de esta solicitud; espere { $wait } y vuelva a intentarlo.
err-too-large-title = Demasiado texto
err-too-large = Lo que envió es más grande de lo que este sitio acepta ({ $kib } KiB). No se guardó nada; acórtelo y vuelva a enviarlo.
err-internal-title = Algo salió mal
err-internal = El servidor no pudo completar esta solicitud. Vuelva a intentarlo en un momento.
err-not-saved-title = No se guardó
err-not-saved = Lo que envió no se guardó: el servidor no pudo almacenarlo en este momento. Guarde una copia de su texto y vuelva a enviarlo dentro de un rato.
err-wait-minutes = { $count ->
    [one] { $count } minuto
   *[other] { $count } minutos
  }
err-wait-seconds = { $count ->
    [one] { $count } segundo
   *[other] { $count } segundos
  }

# error.html
error-status = Error { $status }.
error-home = Ir a la lista de normas

# Formularios y direcciones que no se pueden leer.
err-form-not-form = El formulario no se envió como formulario web (application/x-www-form-urlencoded).
err-form-unreadable = No se pudo leer el formulario: { $problem }. Vuelva atrás, revise los campos y envíelo de nuevo.
err-form-not-utf8 = No se pudo leer el formulario: el campo “{ $field }” contiene bytes que no son texto UTF-8 válido, así que no se guardó nada. Copie su texto en el formulario otra vez desde un programa que guarde Unicode y vuelva a enviarlo.
err-query-unreadable = No se pudo entender la parte de esta dirección que sigue a “?”. Revise el enlace o abra la página sin ella.
err-other-site = Este formulario se envió desde una página de otro sitio web, así que se rechazó y no se guardó nada. Para usar este sitio, ábralo directamente, vuelva a cargar la página y envíe el formulario desde allí.
err-csrf-missing = Este formulario se envió sin su código de seguridad, así que no se aceptó y no se guardó nada. Vuelva atrás, vuelva a cargar la página y envíe el formulario otra vez. Su navegador debe aceptar cookies de este sitio.
err-csrf-mismatch = El código de seguridad de este formulario no coincide, así que no se aceptó y no se guardó nada. Puede que la página sea antigua o que se haya abierto en otro navegador: vuelva atrás, vuelva a cargar la página y envíe el formulario otra vez.

# Comparaciones y el informe de decisiones.
err-compare-view = No existe una vista llamada “{ $view }”. Elija inline, side, changes o summary.
err-compare-range = “{ $range }” no indica dos versiones. Escriba DE...A con tres puntos, por ejemplo 1...2.
err-compare-pick = Elija dos versiones para comparar: una en “De” y otra en “A”.
err-compare-label = Esa no es una versión de esta norma. Elija versiones de las listas.
err-report-cursor = Pida la página después de un comentario o antes de uno, no ambas cosas.
err-report-office = El filtro de oficina es yes o no.
