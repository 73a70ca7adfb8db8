
## Campos: qué está mal en un dato que la persona escribió (FieldProblem)

campo-comentario-no-puede-estar-vacio = el comentario no puede estar vacío
campo-comentario-como-maximo = el comentario puede tener como máximo 10,000 caracteres
campo-no-direccion-correo-valida = no es una dirección de correo válida
campo-debe-ser-publish-reject = debe ser publish o reject
campo-debe-ser-fecha-rfc-3339 = debe ser una fecha RFC 3339, p. ej. 2026-12-01T08:00:00-06:00
campo-no-puede-estar-pasado = no puede estar en el pasado
campo-diga-si-pudo-terminar-tramite = diga si pudo terminar el trámite en línea
campo-elija-canal-uso = elija el canal que usó
campo-no-puede-ser-negativo = no puede ser negativo
campo-debe-ser-numero-entero-desde = debe ser un número entero desde 0
campo-elija-tema-lista = elija un tema de la lista
campo-escriba-motivo = escriba el motivo
campo-no-puede-estar-vacio = no puede estar vacío
campo-debe-tener-1-32-letras = debe tener de 1 a 32 letras, cifras, '-', '_' o '.' (por ejemplo MINTRAB-007)
campo-puede-tener-como-maximo-200-2 = puede tener como máximo 200 requisitos
campo-solo-cambia-transiciones-flujo = solo cambia con las transiciones del flujo
campo-fija-registrar-tramite = se fija al registrar el trámite
campo-debe-tener-3-64-minusculas = debe tener de 3 a 64 minúsculas, cifras, '.', '_' o '-'
campo-debe-ser-correo-como-nombre = debe ser un correo como nombre@mintrabajo.gob.gt
campo-debe-ser-fecha-rfc-3339-2 = debe ser una fecha RFC 3339, p. ej. 2026-11-21T00:00:00Z
campo-no-cursor-esta-lista = no es un cursor de esta lista
campo-debe-ser-received-published-rejected = debe ser received, published o rejected
campo-debe-ser-scheduled-open-closed = debe ser scheduled, open o closed
campo-debe-ser-identificador-uuid = debe ser un identificador UUID
campo-mes-invalido-use-aaaa-mm = mes inválido: use AAAA-MM, p. ej. 2026-05
campo-debe-ser-true-false = debe ser true o false
campo-envie-archivo-campo-file = envíe el archivo en el campo `file`
campo-debe-ser-csv-xlsx = debe ser csv o xlsx
campo-debe-ser-numero-entero-1 = debe ser un número entero de 1 a 200
campo-no-cursor-haya-dado-esta = no es un cursor que haya dado esta API
campo-debe-ser-pending-approved-rejected = debe ser pending, approved, rejected o stale
campo-debe-tener-entre-1-200 = debe tener entre 1 y 200 caracteres visibles
campo-demasiado-largo = es demasiado largo
campo-debe-tener-1-64-minusculas = debe tener de 1 a 64 minúsculas, cifras o «_» (por ejemplo pilot_report)
campo-obligatorio = es obligatorio
campo-esta-vacio = está vacío
campo-debe-ser-archivo-pdf-odt = debe ser un archivo PDF, ODT, DOCX, XLSX, PNG, JPEG o CSV
campo-solo-puede-moverse-fecha-posterior = solo puede moverse a una fecha posterior al cierre actual
campo-ultimo-mes-va-despues-primero = el último mes va después del primero
campo-informe-cubre-como-mucho-diez = el informe cubre como mucho diez años
campo-este-formulario-ya-habia-enviado = este formulario ya se había enviado con otro texto, que quedó guardado; si también quiere enviar esta versión, envíela de nuevo
campo-formulario-caduco-revise-texto-envielo = el formulario caducó; revise el texto y envíelo de nuevo
campo-para-rechazar-escriba-nota = para rechazar, escriba por qué en la nota
campo-escriba-numero-como-3-12 = escriba un número, como 3 o 12.50
campo-elija-opcion-lista = elija una opción de la lista
campo-elija-archivo = elija un archivo
campo-escriba-fecha-como-2026-12 = escriba la fecha como 2026-12-31
campo-ya-existe-tramite-ese-codigo = ya existe un trámite con ese código
campo-multipart = no es un formulario multipart legible
campo-ilegible = no se pudo leer completo
campo-tipo = { $esperado ->
    [texto] debe ser un texto
    [booleano] debe ser true o false
    [numero] debe ser un número
    [lista] debe ser una lista
    [objeto] debe ser un objeto
    [opcion] no es una de las opciones admitidas
   *[otro] no tiene el tipo esperado
}
campo-desconocido = no es un campo de este recurso
campo-consulta = la dirección tiene un parámetro no válido
campo-transicion-desconocida = el flujo no tiene la transición «{ $clave }»
campo-flujo-desconocido = no existe el flujo «{ $clave }»
campo-etapa-desconocida = no existe la etapa «{ $clave }»
campo-en-fila = fila { $fila }: { $problema }
campo-comentario-no-guardado = estamos recibiendo muchos comentarios y el suyo todavía no se guardó: envíelo de nuevo en { $segundos ->
    [one] { $segundos } segundo
   *[other] { $segundos } segundos
}
campo-una-de = debe ser uno de estos valores: { $opciones }
campo-del-1-al-5 = { $que ->
    [satisfaction] satisfacción
   *[ease] facilidad
}: debe ser un número del 1 al 5
campo-elija-del-1-al-5 = { $que ->
    [satisfaction] satisfacción
   *[ease] facilidad
}: elija del 1 al 5
campo-como-maximo = puede tener como máximo { $max } caracteres
campo-largo = debe tener de { $min } a { $max } caracteres
campo-entero-hasta = debe ser un número entero de 0 a { $max }
campo-numero-hasta = debe ser un número de 0 a { $max }
campo-motivo-retener = para retener hay que elegir un motivo: { $motivos }
campo-caracter-control = contiene un carácter de control no permitido ({ $codigo })

## Errores de la API y de las páginas: el título de cada código (el `code` sigue siendo la clave estable)

error-validation-failed = Datos no válidos
error-malformed-json = JSON mal formado
error-unauthorized = Falta identificarse
error-forbidden = No permitido para su rol
error-same-person = Regla de dos personas
error-guard-failed = Faltan condiciones
error-not-found = No encontrado
error-conflict = Conflicto
error-version-conflict = Versión desactualizada
error-precondition-required = Falta la versión
error-idempotency-key-reused = Clave de idempotencia ya usada
error-payload-too-large = Envío demasiado grande
error-request-timeout = El envío tardó demasiado
error-rate-limited = Demasiados intentos
error-unavailable = Servicio no disponible por ahora
error-internal = Error interno
error-no-se-pudo-completar = No se pudo completar

## El detalle de cada error

detalle-validation-failed = { $n ->
    [one] Hay un dato que corregir.
   *[other] Hay { $n } datos que corregir.
}
detalle-malformed-json = El cuerpo no es JSON válido: revise comillas, comas y llaves.
detalle-same-person = Nadie puede aprobar su propia solicitud.
detalle-guard-failed = Aún no se cumplen las condiciones de esta transición.
detalle-precondition-required = Este cambio necesita la cabecera If-Match con la ETag actual del recurso.
detalle-idempotency-key-reused = Esta clave de idempotencia ya se usó para otro envío: vale el primero, y este no se guardó.
detalle-payload-too-large = El envío pasa del límite de { $max } bytes.
detalle-request-timeout = El envío no llegó completo en { $segundos ->
    [one] { $segundos } segundo
   *[other] { $segundos } segundos
}.
detalle-unavailable = La base de datos no responde por ahora. Intente de nuevo en unos minutos.
detalle-internal = Algo falló de nuestro lado. No es un error suyo; intente de nuevo en unos minutos.
detalle-ocupado = El sistema está ocupado guardando otros cambios; intente de nuevo en { $segundos ->
    [one] { $segundos } segundo
   *[other] { $segundos } segundos
}.
detalle-necesita-rol = Esta acción necesita uno de estos roles: { $roles }.
detalle-falta-token = Esta dirección necesita un token Bearer.
detalle-token-invalido = El token no es válido o ya venció.
detalle-cuenta-bloqueada = La cuenta del token no existe o está bloqueada.
detalle-credenciales = El usuario o la contraseña no son correctos.
detalle-contrasena-desactivada = La entrada con contraseña está desactivada en este servicio: entre con su cuenta institucional.
detalle-csrf = El formulario no trae su clave de seguridad o no es la correcta.
detalle-if-match = La cabecera If-Match no nombra ninguna versión de este recurso.
detalle-version = El trámite está en la versión { $version }: recárguelo y vuelva a aplicar el cambio.
detalle-muchas-consultas-codigos = Demasiadas consultas de códigos desde esta dirección; intente de nuevo en un momento.
detalle-muchos-envios = Demasiados envíos desde esta dirección; intente de nuevo más tarde.
detalle-muchos-intentos = Demasiados intentos fallidos de entrar; espere antes de volver a intentar.
detalle-muchos-comentarios = El servicio está recibiendo muchos comentarios; intente en un momento.
detalle-muchas-descargas = Hay muchas descargas de comentarios en curso; intente de nuevo en un momento.

## Conflictos (409): uno por código, con las mismas palabras en la API y en las páginas

conflicto-invalid-transition = La transición «{ $transicion }» no es posible desde la etapa «{ $etapa }».
conflicto-request-pending = El trámite { $codigo } ya tiene una solicitud esperando aprobación.
conflicto-stale-request = Esta solicitud ya se decidió ({ $estado }); no se hizo ningún cambio.
conflicto-stale-request-etapa = La solicitud se hizo en la etapa «{ $antes }», pero el trámite ya está en «{ $ahora }»; no se hizo ningún cambio.
conflicto-decidida-mientras = Esta solicitud se decidió mientras tanto; no se hizo ningún cambio.
conflicto-cambio-mientras = El trámite cambió mientras tanto: recárguelo y vuelva a intentarlo.
conflicto-consultation-not-allowed = Solo se abre una consulta mientras el trámite está en la etapa de normativa (ahora está en «{ $etapa }»).
conflicto-consultation-not-open = La consulta aún no está abierta.
conflicto-consultation-closed = La consulta ya cerró.
conflicto-comment-not-published = Solo puede sumarse a un comentario publicado.
conflicto-already-endorsed = Ya se sumó a este comentario desde esta conexión; puede volver a hacerlo en una hora.
conflicto-consultation-not-closed = El informe está disponible cuando la consulta cierra.
conflicto-texto-final-antes-del-cierre = El texto final se publica cuando la consulta cierra.
conflicto-final-text-published = El texto final de esta consulta ya está publicado y no cambia.
conflicto-survey-not-open = La encuesta se abre cuando el trámite se lanza.
conflicto-already-moderated = Ese comentario ya fue moderado o no tiene comentario.
conflicto-duplicate-code = Ya existe un trámite con el código { $codigo }.
conflicto-duplicate-username = Ya existe un usuario con el nombre { $usuario }.
conflicto-last-admin = El cambio dejaría el sistema sin ninguna persona administradora.

## No encontrado (404)

inexistente = No existe lo que busca.
inexistente-tramite = No existe ese trámite.
inexistente-consulta = No existe esa consulta.
inexistente-comentario = No existe ese comentario.
inexistente-campana = No existe esa campaña de comentarios.
inexistente-usuario = No existe ese usuario.
inexistente-solicitud = No existe esa solicitud de transición.
inexistente-documento = No existe ese documento.
inexistente-respuesta = No existe esa respuesta.
inexistente-opinion = No existe esa opinión.
inexistente-grupo = No hay comentarios con ese texto en esta consulta.
inexistente-enlace = El enlace no es válido.
inexistente-flujo = No existe el flujo «{ $clave }».
inexistente-punto-lista = El flujo no tiene el punto «{ $clave }» en su lista de verificación.
inexistente-periodo = No hay tal periodo: use AAAA-N, con N = 1, 2 o 3.
inexistente-periodo-futuro = El periodo { $periodo } aún no empieza.
inexistente-direccion-control = No hay nada en esta dirección (contiene un carácter de control).
inexistente-codigo-comentario = No existe un comentario con el código { $codigo }.
inexistente-codigo-opinion = No existe una opinión con el código { $codigo }.

## Hojas de cálculo (importar el inventario, cifras de uso)

hoja-vacia = el archivo está vacío
hoja-no-es-hoja = el archivo no es una hoja de cálculo: envíe un CSV (UTF-8), un XLSX o un ODS
hoja-csv-ilegible = el CSV no se puede leer: revise que sea texto UTF-8 separado por comas
hoja-no-abre = la hoja de cálculo no se puede abrir: puede estar dañada o no ser un XLSX u ODS
hoja-sin-hojas = la hoja de cálculo no tiene hojas
hoja-fila-ilegible = la fila no se puede leer
hoja-demasiadas-filas = la hoja tiene datos en la fila { $fila }: el límite es de { $max } filas de trámites (ajuste import_max_rows)
hoja-demasiadas-columnas = la hoja tiene datos en la columna { $columna }: el límite es de { $max } columnas (ajuste import_max_columns)
hoja-demasiado-grande = el contenido de la hoja pasa de { $mb } MB al descomprimirlo: el límite es import_max_unpacked_bytes
hoja-demasiadas-partes = la hoja de cálculo tiene más de { $max } partes: no es un archivo de trámites
importar-columna-repetida = la columna está repetida
importar-falta-columna = falta esta columna
importar-sin-filas = el archivo no tiene filas de trámites bajo los encabezados
importar-entero = escriba un número entero, como 3
importar-numero = escriba un número, como 12.50
importar-uno-de = escriba uno de: { $opciones }
importar-codigo-repetido = el código { $codigo } ya está en la fila { $fila }
importar-en-archivo = archivo: { $problema }
importar-en-fila = fila { $fila }: { $problema }
importar-en-columna = fila { $fila }, columna { $columna }: { $problema }
uso-no-es-csv = el archivo no es un CSV en UTF-8
uso-demasiados-meses = el archivo pasa de { $max } meses (100 años): envíe solo los meses que tienen datos
uso-fila-ilegible = fila ilegible
uso-mes-repetido = mes repetido en el archivo
uso-sin-meses = el archivo no trae ningún mes

## Condiciones de una transición, como las lista la API (guards[].description)

guardia-consulta-cerrada = Una consulta pública sobre el trámite ha cerrado
guardia-comentarios-respondidos = Todos los comentarios publicados tienen respuesta
guardia-campo = El campo `{ $campo }` está definido
guardia-documento = Documento `{ $documento }` adjunto
guardia-lista = Lista de verificación de `{ $etapa }` completa
importar-errores-nada-escrito = { $n ->
    [one] el archivo tiene 1 error; no se escribió nada
   *[other] el archivo tiene { $n } errores; no se escribió nada
}

## Respuestas que da la capa HTTP por sí misma

http-bad-request = Petición ilegible
http-bad-request-detalle = La petición no se pudo leer como HTTP/1.1 (línea de petición, cabeceras o marcos).
http-not-found-detalle = No hay nada en esta dirección.
http-method-not-allowed = Método no permitido
http-method-not-allowed-detalle = Esta dirección no acepta ese método.
http-payload-too-large-detalle = El envío pasa del tamaño que acepta el servidor.
http-unsupported-media-type = Tipo de contenido no admitido
http-unsupported-media-type-detalle = Envíe el cuerpo como application/json.
http-request-timeout-detalle = La cabecera de la petición no llegó dentro del tiempo que espera el servidor.
http-header-too-large = Cabeceras demasiado grandes
http-header-too-large-detalle = La línea de petición y las cabeceras juntas pasan de lo que acepta el servidor.
http-error = Error HTTP
http-error-detalle = La petición no se pudo atender.
http-no-recurso = No hay ningún recurso en { $metodo } { $ruta }.
http-metodo-no-permitido = { $metodo } no se permite aquí; se permiten: { $permitidos }.

## Borradores por artículos (una línea que empieza con «Artículo N» abre el artículo N)

borrador-romano = la línea { $linea } numera un artículo con el número romano { $numero }: escriba el número en cifras (Artículo 4)
borrador-repetido = la línea { $linea } repite el artículo { $numero }, que ya empieza en la línea { $primera }
borrador-salto = la línea { $linea } abre el artículo { $numero }, pero falta antes el artículo { $falta }
campo-propuesta-sin-articulo = una redacción propuesta va con el artículo que reemplaza: elija el artículo
campo-articulo-inexistente = el borrador no tiene artículo { $numero }
campo-consulta-anterior-inexistente = no existe esa consulta anterior
campo-consulta-anterior-otro-tramite = la consulta anterior debe ser del mismo trámite
campo-consulta-anterior-ya-sucedida = esa consulta ya tiene una segunda ronda
campo-nota-articulo-inexistente = hay una nota para el artículo { $numero }, que no está en ninguno de los dos textos
borrador-bis-suelto = la línea { $linea } abre el artículo { $numero }, que debe ir justo después del artículo { $base }
campo-borrador-formato = el archivo debe ser un documento .docx (Word) u .odt (LibreOffice, OpenOffice)
campo-borrador-ilegible = no se pudo leer el documento: { $detalle }
campo-comentario-limite = se han enviado muchos comentarios desde su conexión: espere { $minutos ->
        [one] { $minutos } minuto
       *[other] { $minutos } minutos
    } y envíelo de nuevo; su texto sigue aquí
campo-comentario-no-guardado-error = su comentario no se guardó; envíelo de nuevo
campo-direccion-web-invalida = debe ser una dirección web que empiece por https://
campo-numero-telefono-invalido = debe ser un número de teléfono: cifras, espacios y los signos + - ( )
campo-codigo-idioma = debe ser un código ISO 639-3 de tres minúsculas, p. ej. quc
campo-idioma-no-previsto = debe ser uno de los idiomas previstos: { $idiomas }
campo-fuera-del-plazo = debe estar dentro del plazo de la consulta, del { $desde } al { $hasta }
campo-no-puede-estar-futuro = no puede ser una fecha futura
campo-debe-ser-canal-comentario = debe ser paper, phone, in_person, email o whatsapp
campo-debe-ser-fecha-dia = debe ser una fecha AAAA-MM-DD, p. ej. 2026-12-01
conflicto-translation-exists = La consulta ya tiene su traducción a { $idioma }; una traducción publicada no cambia.
inexistente-traduccion = La consulta no tiene traducción a ese idioma.
campo-traduccion-articulos = debe tener los mismos artículos que el original ({ $esperados }); tiene: { $recibidos }
conflicto-consultation-report-frozen = El informe de esta consulta ya quedó congelado; un comentario registrado ahora no aparecería en él.
conflicto-comment-not-assisted = Solo se adjunta el original escaneado a un comentario recibido fuera de la web.
conflicto-original-exists = Este comentario ya tiene su original escaneado; no se reemplaza.
inexistente-original = Este comentario no tiene original escaneado.
campo-debe-ser-escaneo = debe ser un PDF, PNG o JPEG

## Registro de transparencia (issue 38)
inexistente-encabezado = No se ha publicado un encabezado del registro de ese tamaño.
inexistente-sello = Este encabezado todavía no tiene el sello de tiempo de la autoridad.
campo-debe-ser-numero-entero-positivo = debe ser un número entero mayor que cero
campo-seq-fuera-del-arbol = debe ser una entrada que el encabezado cubra (de 1 a su tamaño)
campo-first-mayor-que-second = debe ser menor o igual que second
detalle-recibo-no-listo = El comprobante estará listo cuando se publique el próximo encabezado del registro, que incluirá este comentario.
inexistente-encabezado-ninguno = Todavía no se ha publicado ningún encabezado del registro.
