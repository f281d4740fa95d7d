# Mensajes de las páginas del personal y de sus acciones (decisions).
