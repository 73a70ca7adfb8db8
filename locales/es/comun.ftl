# Catálogo de mensajes de tramites: todo lo que lee una persona (páginas, PDF, XLSX, correos, errores
# de la API, línea de órdenes). El español es la lengua fuente; otra lengua es otra carpeta
# (locales/<código>/) con las mismas claves.
#
# Voz: usted. Frases cortas; primero lo que la persona puede hacer.
#
# Glosario (el mismo nombre para la misma cosa en todas partes):
#   trámite           lo que una persona hace ante el Ministerio (no «servicio» ni «procedimiento»)
#   consulta          el periodo en que la ciudadanía comenta una propuesta de cambio
#   propuesta         el texto del cambio que se somete a consulta (el borrador)
#   comentario        lo que una persona escribe en una consulta (no «opinión», que es el buzón /opinion)
#   código de seguimiento   el código que recibe quien comenta, para ver qué pasó con su comentario
#   Comité            el Comité de Simplificación de Trámites
#   etapa             el estado de un trámite en el ciclo (inventario, análisis, cambio normativo, …)
#   solicitud         un pedido de transición que espera aprobación
#   bitácora          el registro de auditoría encadenado
#   informe           el informe cuatrimestral de rendición de cuentas
#
# Claves: <página o parte>-<palabras>; las que terminan en -html llevan marcas HTML y no reciben
# datos de personas.

## Páginas: comun (extraído de templates/)

comun-no-llene-este-campo = No llene este campo
comun-error = Error:
comun-indicadores = Indicadores
comun-tramites = Trámites
comun-saltar-contenido-principal = Saltar al contenido principal
comun-respuesta-comite = Respuesta del Comité
comun-personas = personas
comun-enviado = enviado por
comun-respuesta = con respuesta
comun-retenidos = retenidos
comun-publicados = publicados
comun-recibidos = recibidos
comun-solo-para-avisarle-cuando = Solo para avisarle cuando el Comité responda. No se publica.
comun-correo-electronico-opcional = Correo electrónico (opcional)
comun-nombre-opcional = Su nombre (opcional)
comun-1-persona = 1 persona
comun-textos-distintos = textos distintos
comun-comentarios-recibidos = comentarios recibidos
comun-csv = CSV
comun-pdf = PDF
comun-consultas-publicas = Consultas públicas
comun-datos-abiertos = Datos abiertos
comun-comentarios-publicados = Comentarios publicados
comun-terminaron-linea = lo terminaron en línea
comun-5-facilidad = de 5 en facilidad
comun-5-satisfaccion = de 5 en satisfacción
comun-respuestas = respuestas
comun-no = No
comun-si = Sí
comun-pendiente = Pendiente:
comun-cumplido = Cumplido:
comun-aprobaciones = Aprobaciones
comun-fecha = Fecha
comun-auditoria = Auditoría
comun-usuarios = Usuarios
comun-moderacion = Moderación
comun-tablero = Tablero
comun-pasos = Pasos
comun-categoria = Categoría
comun-referencia-norma = Referencia de la norma
comun-base-legal = Base legal
comun-unidad-responsable = Unidad responsable
comun-nombre = Nombre
comun-contrasena = Contraseña
comun-usuario = Usuario
comun-registrar-tramite = Registrar un trámite
comun-etapa = Etapa
comun-tramite = Trámite
comun-filtrar = Filtrar
comun-todas = Todas
comun-hasta-aaaa-mm = Hasta (mes)
comun-ayuda-mes = Elija el mes; si su navegador no muestra un calendario, escríbalo con el año primero: 2026-05 es mayo de 2026.
comun-otros = Otros
comun-presencial = Presencial
comun-linea = En línea
comun-mes = Mes
comun-tramites-etapa-vencida = Trámites con la etapa vencida:
comun-tramites-etapa = Trámites por etapa
comun-etapas-vencidas = Etapas vencidas
comun-horas = horas
comun-consulta = Consulta
comun-json = JSON
comun-informes-rendicion-cuentas = Informes de rendición de cuentas
comun-seguimiento-comentario = Seguimiento de su comentario
comun-opinion = Su opinión
comun-catalogo-tramites = Catálogo de trámites
comun-tema = Tema
comun-buscar = Buscar

## Esperas

espera-minutos = { $n ->
    [one] { $n } minuto
   *[other] { $n } minutos
}
comun-ir-inicio = Ir al inicio

## Fechas, en la zona horaria del Ministerio

mes-1 = enero
mes-2 = febrero
mes-3 = marzo
mes-4 = abril
mes-5 = mayo
mes-6 = junio
mes-7 = julio
mes-8 = agosto
mes-9 = septiembre
mes-10 = octubre
mes-11 = noviembre
mes-12 = diciembre
fecha-zona = hora de { $ciudad }
fecha-dia = { $dia } de { $mes } de { $anio }
fecha-hora = { $fecha }, { $hora } ({ $zona })
fecha-mes = { $mes } de { $anio }
periodo-meses = { $desde } a { $hasta } de { $anio }

## Valores cerrados del inventario y de las consultas

categoria-priority = Prioritario
categoria-general = General
categoria-plural-priority = prioritarios
categoria-plural-general = generales
canal-in-person = Presencial
canal-hybrid = En parte en línea
canal-online = En línea
publico-citizens = Ciudadanía
publico-employers = Empleadores
publico-workers = Trabajadores
publico-public-servants = Servidores públicos
resultado-accepted = Aceptado
resultado-partially-accepted = Aceptado en parte
resultado-not-accepted = No aceptado
resultado-not-applicable = No aplica
respuesta-con-resultado = { $fecha } · Resultado: { $resultado }
tema-services = Servicios y trámites
tema-open-data = Datos abiertos
tema-labour-needs = Necesidades laborales de la población
tema-other = Otro tema
motivo-abusive = lenguaje ofensivo
motivo-spam = publicidad o envío masivo
motivo-off-topic = no trata de esta propuesta
motivo-personal-data = contenía datos personales
motivo-duplicate = repetido
motivo-otro = no cumple las reglas de participación
carga-anual = { $horas } horas y { $quetzales } al año
uso-proporcion = { $porcentaje } % en línea ({ $en_linea } de { $total })
uso-sin-meses-periodo = sin meses en el periodo
informe-sin-indicar = Sin indicar
informe-sin-resultado = Sin resultado indicado
columna-recibidos = Recibidos
columna-publicados = Publicados
# GOV.UK's pattern: a page shown again with faults says so in its title, for screen readers.
comun-titulo-error = Error:
via-web = Web
via-paper = Papel
via-phone = Teléfono
via-in-person = En persona
via-email = Correo electrónico
via-whatsapp = WhatsApp
idioma-spa = Español
idioma-quc = K'iche'
idioma-cak = Kaqchikel
idioma-mam = Mam
idioma-kek = Q'eqchi'
idioma-eng = Inglés
alcance-por-canal = Comentarios recibidos por canal
base-otro-idioma = English
