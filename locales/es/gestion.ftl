
## Páginas: gestion (extraído de templates/)

gestion-aprobaciones-rechazar = Rechazar
gestion-aprobaciones-aprobar = Aprobar
gestion-aprobaciones-nota-obligatoria-para-rechazar = Nota (obligatoria para rechazar)
gestion-aprobaciones-documentos = Documentos:
gestion-aprobaciones-nota = Nota:
aprobaciones-columna-nota = Nota
gestion-aprobaciones-no-hay-solicitudes-esperando = No hay solicitudes esperando su decisión.
gestion-aprobaciones-solicitudes-usted-puede-decidir = Las solicitudes que usted puede decidir. Nunca aparecen las suyas: otra persona debe aprobarlas.
gestion-auditoria-sobre = Sobre
gestion-auditoria-quien = Quién
auditoria-entradas-total = Entradas ({ $n } en total; las más recientes primero)
auditoria-filtrar-entradas = Filtrar las entradas
auditoria-desde = Desde el día
auditoria-hasta = Hasta el día (incluido)
auditoria-cualquiera = Cualquiera
auditoria-que-paso = Qué pasó
auditoria-codigo-tramite = Código del trámite
auditoria-quitar-filtros = Quitar los filtros
auditoria-sin-entradas = Ninguna entrada cumple los filtros.
auditoria-anteriores = Entradas anteriores
auditoria-filtro-fecha = La fecha no es válida: elija un día del calendario.
auditoria-filtro-tramite = No hay ningún trámite con el código «{ $codigo }».
gestion-auditoria-descargar-bitacora-completa-json = Descargar la bitácora completa (JSON por líneas)
gestion-auditoria-descargar-punto-control-firmado = Descargar el punto de control firmado
gestion-auditoria-verificar-cadena = Verificar la cadena
gestion-auditoria-verificacion-fallida = Verificación fallida.
gestion-auditoria-verificacion-correcta = Verificación correcta.
gestion-auditoria-cada-cambio-queda-cadena = Cada cambio queda en una cadena de entradas enlazadas por su hash. Verificarla recalcula cada enlace y cada sello.
gestion-auditoria-auditoria-bitacora = Auditoría de la bitácora
gestion-auditoria-entradas-bitacora = Entradas de la bitácora
gestion-base-salir = Salir
gestion-base-gestion-tramites = Gestión de trámites
gestion-base-gestion-tramites-2 = · Gestión de trámites
gestion-base-gestion = Gestión
gestion-campos-horas-persona-tramite = Horas de la persona por trámite
gestion-campos-tramites-ano = Trámites al año
gestion-campos-costo-quetzales = Costo (quetzales)
gestion-campos-dias-para-resolver = Días para resolver
gestion-campos-visitas-presenciales = Visitas presenciales
gestion-campos-uno-linea-empiece-estado = Uno por línea. Empiece con * los que el Estado ya tiene (Decreto 5-2021).
gestion-campos-requisitos = Requisitos
gestion-campos-canal = Canal
gestion-campos-quien-sirve = A quién sirve
gestion-campos-acuerdo-ministerial-cambio-necesita = El acuerdo ministerial del cambio; se necesita para iniciar la prueba piloto.
gestion-campos-descripcion = Descripción
gestion-campos-ejemplo-mintrab-007 = Por ejemplo MINTRAB-007.
gestion-campos-codigo = Código
gestion-entrar-entrar = Entrar
gestion-entrar-para-comite-simplificacion-direcciones = Para el Comité de Simplificación, las direcciones, el Despacho Ministerial, auditoría y administración.
gestion-entrar-entrar-gestion-tramites = Entrar a la gestión de trámites
gestion-entrar-no-pudo-entrar = No pudo entrar
gestion-entrar-entrar-gestion = Entrar a la gestión
gestion-entrar-institucional = Entrar con la cuenta institucional
gestion-entrar-o-contrasena = O, si su cuenta no es institucional, entre con su usuario y su contraseña:
gestion-importar-enviar-archivo = Enviar archivo
gestion-importar-aplicar-cambios-si-no = Aplicar los cambios (si no, solo se revisa)
gestion-importar-requisitos-separados-estado-ya = Requisitos separados por «;»; los que el Estado ya tiene, con «*» delante.
gestion-importar-archivo = Archivo
gestion-importar-exportar-inventario-xlsx = Exportar el inventario (XLSX)
gestion-importar-descargar-plantilla-xlsx-listas = Descargar la plantilla (XLSX, con listas desplegables)
gestion-importar-suba-csv-utf-8 = Suba un CSV (UTF-8) o un XLSX con una fila por trámite. Primero se revisa todo el archivo; nada se escribe si hay un solo error. Los trámites nuevos entran en inventario; los existentes se actualizan campo por campo, nunca su etapa.
gestion-importar-no-escribio-nada = ; no se escribió nada
gestion-importar-errores = errores
gestion-importar-error = error
gestion-importar-archivo-tiene = El archivo tiene
gestion-importar-para-aplicarla-envie-mismo = Para aplicarla, envíe el mismo archivo marcando «Aplicar los cambios».
gestion-importar-columnas-ignoradas = Columnas ignoradas:
gestion-importar-sin-cambios = sin cambios.
gestion-importar-actualizar = por actualizar
gestion-importar-actualizados = actualizados
gestion-importar-crear = por crear
gestion-importar-creados = creados
gestion-importar-revision-lista-no-escribio = Revisión lista: no se escribió nada.
gestion-importar-importacion-aplicada = Importación aplicada.
gestion-importar-importar-inventario = Importar el inventario
gestion-moderacion-responder = Responder
gestion-moderacion-todas-opiniones-publicadas-tienen = Todas las opiniones publicadas tienen respuesta.
gestion-moderacion-opiniones-publicadas-sin-respuesta = Opiniones publicadas sin respuesta
gestion-moderacion-retener = Retener
gestion-moderacion-publicar = Publicar
gestion-moderacion-elija-motivo = Elija un motivo
gestion-moderacion-motivo-si-retiene = Motivo, si lo retiene
gestion-moderacion-no-hay-comentarios-encuestas = No hay comentarios de encuestas esperando.
gestion-moderacion-comentarios-encuestas-revisar = Comentarios de encuestas por revisar
gestion-moderacion-motivo-si-retiene-2 = Motivo, si la retiene
gestion-moderacion-no-hay-opiniones-esperando = No hay opiniones esperando.
gestion-moderacion-opiniones-revisar = Opiniones por revisar
gestion-moderacion-sin-indicar = Sin indicar
gestion-moderacion-resultado = Resultado
gestion-moderacion-veces = veces
gestion-moderacion-publicado = publicado
gestion-moderacion-todos-comentarios-publicados-tienen = Todos los comentarios publicados tienen respuesta.
gestion-moderacion-comentarios-publicados-sin-respuesta = Comentarios publicados sin respuesta
gestion-moderacion-explicacion-opcional = Explicación (opcional)
gestion-moderacion-no-hay-comentarios-esperando = No hay comentarios esperando.
gestion-moderacion-comentarios-revisar = Comentarios por revisar
gestion-moderacion-textos-iguales-forman-grupo = Los textos iguales o casi iguales (una campaña: la misma carta con un nombre, una errata o una frase cambiada) forman un grupo: se publican, se retienen y se responden juntos. Si un texto del grupo aporta un argumento propio, sepárelo.
gestion-moderacion-extender = Extender
gestion-moderacion-motivo = Motivo
gestion-moderacion-solo-puede-ser-posterior = Solo puede ser posterior al cierre actual. Cierra a las 23:59 de ese día.
gestion-moderacion-nueva-fecha-cierre-aaaa = Nueva fecha de cierre
gestion-moderacion-extender-plazo = Extender el plazo
gestion-moderacion-ver-tramite = Ver el trámite
gestion-moderacion-ver-pagina-publica = Ver la página pública
gestion-moderacion-consulta = Consulta:
gestion-nuevo-registrar = Registrar
gestion-nuevo-tramite-entra-etapa-inventario = El trámite entra en la etapa de inventario. Podrá corregir cada dato después.
gestion-tablero-muestran-primeros-200-use = Se muestran los primeros 200. Use la búsqueda o la etapa para ver otros.
gestion-tablero-vence-pronto = Vence pronto:
gestion-tablero-vencido = Vencido:
gestion-tablero-plazo = Plazo
gestion-tablero-ningun-tramite-coincide = Ningún trámite coincide.
gestion-tablero-primero-vencidos-vencen-proximos = Primero los vencidos y los que vencen en los próximos siete días.
gestion-tablero-buscar-codigo-nombre-unidad = Buscar por código, nombre o unidad
gestion-tablero-importar-exportar-inventario = Importar o exportar el inventario
gestion-tablero-nada-ahora = Nada por ahora.
gestion-tablero-espera-usted = Lo que espera por usted
gestion-tramite-nota = Nota
gestion-tramite-aprobo = Aprobó
gestion-tramite-propuso = Propuso
gestion-tramite-paso = Paso
gestion-tramite-sin-transiciones-todavia = Sin transiciones todavía.
gestion-tramite-historia = Historia
gestion-tramite-guardar-cambios = Guardar cambios
gestion-tramite-datos-tramite = Datos del trámite
gestion-tramite-publicar-consulta = Publicar consulta
gestion-tramite-ver-vista-previa = Ver vista previa
gestion-tramite-puede-usar-markdown-titulos = Puede usar Markdown: títulos con #, listas con -.
gestion-tramite-propuesta = Propuesta
gestion-tramite-resumen = Resumen
gestion-tramite-titulo = Título
gestion-tramite-vista-previa-propuesta = Vista previa de la propuesta:
gestion-tramite-publica-pulsar-publicar-consulta = Se publica al pulsar «Publicar consulta» y recibe comentarios durante un mes. El texto de la propuesta no se puede cambiar después.
gestion-tramite-abrir-consulta = Abrir una consulta
gestion-tramite-este-tramite-no-ha = Este trámite no ha tenido consultas.
gestion-tramite-adjuntar-informe-uso-pdf = Adjuntar el informe de uso en PDF
gestion-tramite-informe-uso-desde-aaaa = Informe de uso desde (mes)
gestion-tramite-guardar-mes = Guardar el mes
gestion-tramite-otros-canales = Por otros canales
gestion-tramite-tramites-presenciales = Trámites presenciales
gestion-tramite-tramites-linea = Trámites en línea
gestion-tramite-mes-aaaa-mm = Mes
gestion-tramite-aun-no-hay-meses = Aún no hay meses de uso registrados.
gestion-tramite-junta-encuesta-uso-canal = junta la encuesta, el uso por canal y la carga antes y después.
gestion-tramite-informe-uso = informe de uso
gestion-tramite-el = ; el
gestion-tramite-encuesta = encuesta
gestion-tramite-ciudadania-responde = La ciudadanía responde la
gestion-tramite-evaluacion-aceptacion = Evaluación de la aceptación
gestion-tramite-adjuntar-documento = Adjuntar documento
gestion-tramite-archivo-pdf-odt-docx = Archivo (PDF, ODT, DOCX, XLSX, PNG, JPEG o CSV)
gestion-tramite-tipo-documento = Tipo de documento
gestion-tramite-no-hay-documentos-adjuntos = No hay documentos adjuntos.
gestion-tramite-documentos = Documentos
gestion-tramite-como-hecho = » como hecho
gestion-tramite-marcar = Marcar «
gestion-tramite-desmarcar = Desmarcar «
gestion-tramite-hecho = Hecho:
gestion-tramite-lista-verificacion-etapa = Lista de verificación de la etapa
gestion-tramite-proponer = Proponer
gestion-tramite-nota-opcional = Nota (opcional)
gestion-tramite-aplica-proponerla = Se aplica al proponerla.
gestion-tramite-necesita-aprobacion = Necesita la aprobación de:
gestion-tramite-lleva = Lleva a:
gestion-tramite-ciclo-este-tramite-termino = El ciclo de este trámite terminó.
gestion-tramite-sigue = Qué sigue
gestion-tramite-ver-como-ve-ciudadania = Ver como la ve la ciudadanía
gestion-tramite-pagina-publica = Página pública
gestion-tramite-plazo-etapa = Plazo de la etapa
gestion-tramite-uso-canal-registrado = Uso por canal registrado
gestion-usuarios-crear-usuario = Crear usuario
gestion-usuarios-roles = Roles
gestion-usuarios-correo = Correo
gestion-usuarios-nuevo-usuario = Nuevo usuario
gestion-usuarios-guardar = Guardar los cambios
gestion-usuarios-nueva-contrasena-opcional = Nueva contraseña (opcional)
gestion-usuarios-activo = Activo
gestion-usuarios-desactivada = Desactivado: no puede entrar
gestion-usuarios-anadir = Añadir una persona
gestion-usuarios-tabla = Personas con acceso al espacio de trabajo
gestion-usuarios-acceso = Acceso
gestion-usuarios-acciones = Acciones
gestion-usuarios-sin-roles = Sin roles
gestion-usuarios-editar = Editar
gestion-usuarios-volver = Volver a la lista de usuarios
gestion-usuarios-ayuda-usuario = Con él entra al sistema; no se puede cambiar después.
gestion-usuarios-puede-entrar = Activo: puede entrar
gestion-usuarios-no-puede-entrar = Desactivado: no puede entrar y sus sesiones se cierran al guardar
gestion-usuarios-regla-contrasena = Entre 8 y 256 caracteres. Una frase de varias palabras es más segura y fácil de recordar.
gestion-campos-obligatorios = Los campos marcados «(obligatorio)» no pueden quedar vacíos.
gestion-obligatorio = (obligatorio)
gestion-usuarios-desactivar-alguien-cambiarle-contrasena = Desactivar a alguien o cambiarle la contraseña cierra sus sesiones al instante.

## Páginas de gestión: mensajes del código

gestion-revise-los-datos = Revise los datos
gestion-aun-no-se-puede = Aún no se puede: { $lista }.
gestion-rol-no-permite = Su rol no permite hacer esto.
gestion-version-cambio = Alguien cambió este trámite mientras usted lo editaba. Recargue la página para ver la versión actual.
gestion-auditoria-numero = N.º

## Nombres de campos, roles y condiciones de las transiciones

campo-nombre-regulation-reference = referencia de la norma
campo-nombre-description = descripción
campo-nombre-legal-basis = base legal
campo-nombre-code = código
campo-nombre-name = nombre
campo-nombre-responsible-unit = unidad responsable
campo-nombre-note = nota
campo-nombre-body = texto
campo-nombre-reason = motivo
campo-nombre-outcome = resultado
campo-nombre-username = usuario
campo-nombre-password = contraseña
campo-nombre-email = correo
campo-nombre-closes-at = fecha de cierre
campo-nombre-file = archivo
campo-nombre-kind = tipo de documento
campo-nombre-online-url = dirección en línea
campo-nombre-offices = oficinas
campo-nombre-opening-hours = horario de atención
campo-nombre-phone = teléfono
campo-nombre-whatsapp = WhatsApp
gestion-campos-como-hacerlo = Dónde, cuándo y cómo se hace hoy
gestion-campos-ayuda-online-url = La dirección donde se hace en línea, empezando por https://. Déjela vacía si no se puede hacer en línea.
gestion-campos-ayuda-offices = Una oficina por línea: su nombre y su dirección.
gestion-campos-ayuda-opening-hours = Por ejemplo: lunes a viernes, de 8:00 a 16:00.
gestion-campos-ayuda-phone = Un número para consultas, por ejemplo 2422-2500.
gestion-campos-ayuda-whatsapp = Si se atiende por WhatsApp, el número con el código de país, por ejemplo +502 5555-0000.
rol-admin = Administración
rol-committee = Comité
rol-director = Dirección
rol-minister = Ministro o Ministra
rol-auditor = Auditoría
rol-otro = Otro
condicion-consulta-cerro = Una consulta pública sobre el trámite ya cerró
condicion-falta-consulta = Falta que cierre una consulta pública sobre el trámite
condicion-respuestas-completas = Todos los comentarios publicados tienen respuesta
condicion-faltan-respuestas = Faltan respuestas a comentarios publicados
condicion-campo-lleno = El campo { $campo } está lleno
condicion-falta-campo = Falta llenar el campo { $campo }
condicion-documento-adjunto = El documento { $documento } está adjunto
condicion-falta-documento = Falta el documento { $documento }
condicion-lista-completa = La lista de verificación está completa
condicion-falta-lista = Falta completar la lista de verificación

## Avisos tras una acción (?hecho=)

aviso-registrado = Trámite registrado.
aviso-guardado = Cambios guardados.
aviso-propuesta = Propuesta enviada: espera la aprobación.
aviso-aplicada = Transición aplicada.
aviso-aprobada = Solicitud aprobada: el trámite avanzó.
aviso-rechazada = Solicitud rechazada.
aviso-lista = Lista de verificación actualizada.
aviso-documento = Documento adjunto.
aviso-uso = Mes de uso guardado.
aviso-consulta = Consulta abierta y publicada.
aviso-extendida = Plazo de la consulta extendido.
aviso-publicado = Publicado.
aviso-retenido = Retenido.
aviso-respondido = Respuesta publicada.
aviso-usuario = Usuario guardado.
gestion-seccion-no-es-para-su-rol = Esta sección no es para su rol
gestion-seccion-no-es-para-su-rol-detalle = Si cree que debería tener acceso, pídalo a la administración del sistema.
gestion-volver-tablero = Volver al tablero
gestion-formulario-no-valido = El formulario no es válido
gestion-formulario-no-valido-detalle = No hicimos ningún cambio. Vuelva a la página, recárguela y envíe el formulario otra vez.

## Tablero, aprobaciones, auditoría y ficha del trámite

tablero-solicitudes-esperan = { $n ->
    [one] 1 solicitud espera su decisión
   *[other] { $n } solicitudes esperan su decisión
}
tablero-por-moderar = Por moderar: { $comentarios ->
    [one] 1 comentario
   *[other] { $comentarios } comentarios
}, { $opiniones ->
    [one] 1 opinión
   *[other] { $opiniones } opiniones
} y { $encuesta ->
    [one] 1 comentario de encuesta
   *[other] { $encuesta } comentarios de encuestas
}
tablero-su-solicitud-espera = Su solicitud «{ $paso }» de { $codigo } espera aprobación (la pidió { $desde })
tablero-consulta-cierra = La consulta «{ $titulo }» cierra el { $fecha }
auditoria-cadena-integra = La cadena es íntegra: { $n } entradas verificadas{ $sellos ->
    [si] , sellos incluidos
   *[no] {""}
}. Último hash: { $hash }.
auditoria-cadena-rota = La cadena NO es íntegra. Primera entrada alterada: número { $numero }{ $motivo }.
tramite-espera-aprobacion = «{ $transicion }» espera aprobación; la pidió { $quien } el { $fecha }.
aprobaciones-lo-pidio = Lo pidió { $quien } el { $fecha }.
tramite-version-cambio-formulario = Alguien cambió este trámite mientras usted lo editaba. Sus cambios no se guardaron, pero siguen en el formulario: revise la versión actual (arriba y en la historia) y guarde de nuevo.

## Bitácora: acciones y sujetos de cada entrada

accion-auth-login = entrada al sistema
accion-auth-login-failed = intento de entrada fallido
accion-auth-logout = salida del sistema
accion-checklist-updated = lista de verificación actualizada
accion-comment-answered = comentario respondido
accion-comment-moderated = comentario moderado
accion-comment-received = comentario recibido
accion-consultation-extended = plazo de consulta extendido
accion-consultation-opened = consulta abierta
accion-consultation-final-text-published = texto final publicado
accion-consultation-report-frozen = informe de consulta cerrado
accion-consultation-report-pdf-frozen = PDF del informe de consulta cerrado
accion-document-attached = documento adjunto
accion-feedback-answered = opinión respondida
accion-feedback-moderated = opinión moderada
accion-feedback-received = opinión recibida
accion-indicators-recorded = indicadores medidos
accion-procedure-created = trámite registrado
accion-procedure-updated = trámite modificado
accion-report-frozen = informe cuatrimestral cerrado
accion-subscription-cancelled = aviso cancelado
accion-subscription-confirmed = aviso confirmado
accion-subscription-requested = aviso pedido
accion-survey-answered = encuesta respondida
accion-survey-comment-moderated = comentario de encuesta moderado
accion-transition-applied = transición aplicada
accion-transition-approved = solicitud aprobada
accion-transition-rejected = solicitud rechazada
accion-transition-requested = transición solicitada
accion-transition-stale = solicitud vencida por cambio de etapa
accion-usage-recorded = uso mensual registrado
accion-user-created = usuario creado
accion-user-updated = usuario modificado
sujeto-procedure = trámite
sujeto-comment = comentario
sujeto-consultation = consulta
sujeto-feedback = opinión
sujeto-user = usuario
sujeto-transition-request = solicitud
sujeto-report = informe
sujeto-indicators = indicadores
sujeto-subscription = aviso
sujeto-survey = encuesta
sujeto-session = sesión
actor-public = ciudadanía
actor-system = el sistema
actor-cli = línea de órdenes
actor-demo = datos de demostración

## Participatory drafts
gestion-final-publicar = Publicar el texto final
gestion-final-explica = El texto final se publica una sola vez y no cambia. Escríbalo con los mismos artículos que la propuesta; revise la vista previa, que marca lo que cambió artículo por artículo, antes de publicarlo.
gestion-final-revise = Revise el texto final
gestion-final-vista-previa = Vista previa de los cambios.
gestion-final-texto = Texto final
gestion-final-ayuda-texto = Cada artículo empieza en su propia línea: «Artículo 1. Título».
gestion-final-notas = Nota del Comité por artículo (opcional)
gestion-articulo-comentado = Artículo comentado:
gestion-redaccion-propuesta = Redacción propuesta:
gestion-articulos-cambiados = Artículos que cambió este comentario (opcional, separados por comas)
gestion-comentarios-por-articulo = Comentarios por artículo
gestion-columna-articulo = Artículo
gestion-ver-texto-final = Ver el texto final publicado
gestion-borrador-archivo = Borrador en un documento (opcional)
gestion-borrador-ayuda = Un archivo .docx (Word) u .odt (LibreOffice). Su texto llena el campo Propuesta para que lo revise antes de publicar; no se guarda el archivo.
gestion-borrador-cargar = Cargar el borrador
gestion-borrador-sin-articulos = El borrador no tiene artículos: se publicará como un solo texto.
gestion-borrador-articulos = { $n ->
    [one] Se leyó 1 artículo: { $numeros }.
   *[other] Se leyeron { $n } artículos: { $numeros }.
}
gestion-borrador-faltas = Revise la numeración antes de publicar: { $lista }.
gestion-nuevo-revise-tramite = Revise el trámite

## La cola de aprobaciones
aprobaciones-hace-dias = { $n ->
        [0] hoy
        [one] hace { $n } día
       *[other] hace { $n } días
    }
aprobaciones-vencido-hace = { $n ->
        [one] Vencido hace { $n } día
       *[other] Vencido hace { $n } días
    }
aprobaciones-sin-plazo = Sin plazo
aprobaciones-pasara = El trámite pasará de «{ $desde }» a «{ $hasta }».
aprobaciones-plazo-nuevo = Empieza un plazo de { $dias } días para esa etapa.
aprobaciones-final = Es una etapa final: el trámite no podrá volver a ninguna otra etapa. No se puede deshacer.
aprobaciones-cambia-campo = { $campo } del trámite pasará a ser «{ $valor }»; cambia los indicadores públicos.
aprobaciones-requisito-estado = { $nombre } (el Estado ya lo tiene)
aprobaciones-requisito-eliminado = { $nombre } (eliminado desde el análisis)
aprobaciones-requisitos = Requisitos
aprobaciones-ninguno = Ninguno
aprobaciones-carga = Carga anual para la ciudadanía
aprobaciones-carga-antes = { $ahora } (antes del análisis: { $antes })
aprobaciones-consulta = Consulta pública
aprobaciones-consulta-resultado = { $estado } { $recibidos } comentarios recibidos, { $publicados } publicados, { $respondidos } respondidos.
aprobaciones-aprobada = Aprobada
aprobaciones-rechazada = Rechazada
aprobaciones-no-se-decidio = No se registró la decisión
aprobaciones-vistas = Vistas de las aprobaciones
aprobaciones-por-decidir = { $n ->
        [one] Por decidir ({ $n })
       *[other] Por decidir ({ $n })
    }
aprobaciones-decididas = Decididas
aprobaciones-decididas-entrada = Las últimas 100 decisiones, la más reciente primero.
aprobaciones-ninguna-decidida = Aún no se ha decidido ninguna solicitud.
aprobaciones-paso = Paso que se pide
aprobaciones-decision = Decisión
aprobaciones-quien-cuando = Quién y cuándo
aprobaciones-ordenar = Ordenar por:
aprobaciones-orden-antiguedad = más antiguas primero
aprobaciones-orden-plazo = plazo más próximo
aprobaciones-orden-tramite = trámite
aprobaciones-cola = Solicitudes por decidir
aprobaciones-pidio = Pidió
aprobaciones-esperando = Esperando
aprobaciones-plazo-etapa = Plazo de la etapa actual
aprobaciones-definitivo = (definitivo)
aprobaciones-que-cambia = Qué cambia si aprueba
aprobaciones-datos = Datos para decidir
aprobaciones-condiciones = Condiciones
aprobaciones-contexto = «{ $paso }» de { $tramite }
aprobaciones-confirmar-titulo = Confirmar la aprobación
aprobaciones-confirmar-pregunta = ¿Aprobar «{ $paso }» de { $tramite }?
aprobaciones-no-se-puede-deshacer = Este paso no se puede deshacer:
aprobaciones-nota-opcional = Nota (opcional)
aprobaciones-si-aprobar = Sí, aprobar
aprobaciones-cancelar = No, volver a la solicitud
gestion-volver-corregir = Volver y corregirlo
campo-motivo-retener-lista = elija en la lista el motivo por el que se retiene
campo-nombre-month = mes
gestion-tramite-del-al = del { $desde } al { $hasta }
gestion-tramite-consulta-en-curso = Hay una consulta abierta o programada para este trámite; podrá abrir otra cuando cierre:
gestion-tramite-abre-el = Abre el (opcional)
gestion-tramite-abre-el-ayuda = Déjelo vacío para abrirla al publicar. La consulta dura el plazo que fija el flujo desde ese día.

## Moderación: quién envió y cuándo
moderacion-sin-nombre = { $n ->
    [one] 1 persona sin nombre
   *[other] { $n } personas sin nombre
}
moderacion-y-mas = y { $n ->
    [one] 1 persona más
   *[other] { $n } personas más
}
moderacion-recibido-el = Recibido el { $fecha }.
moderacion-recibidos-entre = Recibidos del { $desde } al { $hasta }.
moderacion-enviado-por = Enviado por (se publica con el texto):
moderacion-filtrar = Filtrar los comentarios
moderacion-revise-decision = Revise la decisión
moderacion-de-la-consulta = Consulta
moderacion-todas-consultas = Todas las consultas
moderacion-ventana = Consulta { $estado }: del { $desde } al { $hasta }.

## La página de un trámite: resumen, tareas y decisión
tramite-decidir-titulo = Solicitud que espera su decisión
tramite-decidir-nota = Nota de quien la pidió:
tramite-decidir-datos = Ver los datos para decidir (requisitos, carga, consulta)
tramite-tareas-titulo = Lo que falta para el siguiente paso
tramite-tarea-lista = Listo: se puede proponer
tramite-tarea-faltan = Faltan { $n } de { $total } { $total ->
    [one] condición
   *[other] condiciones
}
tramite-en-esta-pagina = En esta página

## Campañas en la moderación (issue 36)

aviso-separado = El comentario salió de su campaña: ahora se modera y se responde por separado.
aviso-reagrupado = Las campañas de la consulta se recalcularon.
moderacion-campana-de = { $n ->
    [one] 1 persona
   *[other] Campaña: enviado por { $n } personas (este texto o uno casi igual)
}
moderacion-variantes = { $n ->
    [one] Ver 1 variante
   *[other] Ver { $n } variantes
}
moderacion-variantes-ayuda = Se marcan las palabras que cambian respecto del texto de arriba. Separe una variante si aporta un argumento propio.
moderacion-variante-personas = { $n ->
    [one] 1 persona
   *[other] { $n } personas
}
moderacion-separar = Separar de la campaña
moderacion-reagrupar = Recalcular las campañas
moderacion-reagrupar-ayuda = Vuelve a agrupar desde cero los comentarios casi iguales de esta consulta (por ejemplo, tras cambiar el umbral de similitud). Deshace las separaciones manuales.
alcance-titulo = Traducciones y comentarios recibidos fuera de la web
alcance-enlace = Traducciones y comentarios en papel, por teléfono o en oficina
alcance-traduccion-publicada = La traducción quedó publicada y congelada; su huella SHA-256 está en la bitácora.
alcance-revise-traduccion = Revise la traducción
alcance-revise-comentario = Revise el comentario
alcance-traducciones = Traducciones publicadas
alcance-sin-traducciones = Esta consulta aún no tiene traducciones. El texto oficial es el original en español.
alcance-columna-idioma = Idioma
alcance-columna-traductor = Traductor o traductora
alcance-columna-publicada = Publicada
alcance-publicar-traduccion = Publicar una traducción
alcance-traduccion-explica = La traducción debe tener los mismos artículos que el original, con la misma numeración. Una vez publicada no cambia; el texto oficial sigue siendo el original en español.
alcance-titulo-traducido = Título traducido
alcance-resumen-traducido = Resumen traducido
alcance-texto-traducido = Texto traducido del borrador
alcance-texto-traducido-ayuda = Escriba cada artículo en su propia línea, como en el original: «Artículo 1. …».
alcance-registrar-comentario = Registrar un comentario recibido fuera de la web
alcance-registrar-explica = Para comentarios entregados en papel, dictados por teléfono, dichos en una oficina o enviados por correo o WhatsApp. La fecha es la del día en que se recibió, dentro del plazo de la consulta, aunque la consulta ya haya cerrado. La persona recibe el mismo código de seguimiento que en la web.
alcance-canal = Canal
alcance-fecha-recibido = Fecha en que se recibió
alcance-fecha-recibido-ayuda = Use el formato AAAA-MM-DD; debe estar dentro del plazo de la consulta.
alcance-texto-comentario = Texto del comentario
alcance-todo-el-texto = Todo el borrador
alcance-nombre-opcional = Nombre (opcional)
alcance-organizacion-opcional = Organización (opcional)
alcance-correo-opcional = Correo electrónico (opcional, para avisarle de la respuesta)
alcance-idioma-comentario = Idioma en que se escribió o dijo el comentario
alcance-columna-huella = Huella SHA-256
alcance-registrar = Registrar el comentario
comprobante-titulo = Comprobante de comentario
comprobante-volver = Volver a traducciones y comentarios recibidos
comprobante-consulta = Consulta pública:
comprobante-codigo = Código de seguimiento:
comprobante-registrado = Registrado en el sistema
comprobante-como-seguir = Con este código puede seguir su comentario y leer la respuesta del Comité en
comprobante-imprimir = Imprima esta página (menú Imprimir del navegador) y entréguela a la persona.
comprobante-tamano-kb = { $kb } KB
comprobante-original-adjuntado = El original escaneado quedó guardado junto al comentario; su huella SHA-256 está en la bitácora.
comprobante-original = Original escaneado:
comprobante-adjuntar-original = Adjuntar el original escaneado
comprobante-adjuntar-explica = Si el comentario llegó en papel, guarde aquí su escaneo o una foto (PDF, PNG o JPEG). Solo lo ve el personal: puede mostrar la letra y la dirección de la persona.
comprobante-archivo = Archivo escaneado
comprobante-adjuntar = Adjuntar original
