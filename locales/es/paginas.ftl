
## Páginas: paginas (extraído de templates/)

aviso-pedir-avisos = Pedir avisos
aviso-solo-usamos-para-estos = Solo lo usamos para estos avisos. No se publica.
aviso-correo-electronico = Correo electrónico
aviso-puede-dejar-recibir-avisos = . Puede dejar de recibir avisos con un clic desde cualquier mensaje.
aviso-le-escribiremos-cuando-abra = Le escribiremos cuando se abra una consulta pública sobre
aviso-reciba-aviso-cuando-consulte = Reciba un aviso cuando se consulte un cambio
aviso-revise-formulario = Revise el formulario
aviso-volver = Volver a
aviso-si-direccion-correcta-le = Si la dirección es correcta, le enviamos un enlace para confirmar el aviso. No le escribiremos nada más hasta que lo abra.
aviso-revise-correo = Revise su correo
aviso-avisos-consultas = Avisos de consultas:
base-cada-cambio-queda-registrado = Cada cambio queda anotado en un registro público: cada anotación lleva el sello de la anterior, así que nadie puede borrar o cambiar una sin que se note, y cualquiera puede comprobarlo.
base-siga-comentario = Siga su comentario
base-envienos-opinion = Envíenos su opinión
base-ministerio-trabajo-prevision-social = Ministerio de Trabajo y Previsión Social de Guatemala · Programa de Gobierno Electrónico 2021-2026.
base-seguimiento = Seguimiento
base-consultas = Consultas
base-tramites-ministerio-trabajo-simplificacion-html = Trámites del Ministerio de Trabajo<span>Simplificación y participación ciudadana</span>
base-tramites-mintrab = · Trámites MINTRAB
base-principal = Principal
consulta-ver-mas-comentarios = Ver más comentarios
consulta-todavia-no-hay-comentarios = Todavía no hay comentarios publicados.
consulta-comentarios = Comentarios
consulta-enviar-comentario = Enviar comentario
consulta-organizacion-opcional = Organización (opcional)
consulta-publica-junto-comentario-si = Se publica junto al comentario. Si lo deja vacío, aparece como «Anónimo».
consulta-hasta-10-000-caracteres = Hasta 10,000 caracteres. Diga qué le parece la propuesta y por qué.
consulta-comentario = Su comentario
consulta-comite-simplificacion-lee-cada = El Comité de Simplificación lee cada comentario y responde a los publicados antes de seguir adelante. No publicamos su correo.
consulta-deje-comentario = Deje su comentario
consulta-propuesta = La propuesta
consulta-informe-consulta-recibio-hizo = Informe de la consulta: qué se recibió y qué se hizo
consulta-tramite-cambia = Trámite que cambia:
consulta-informe-sin-respuesta = Sin respuesta.
consulta-informe-no-publico-ningun-comentario = No se publicó ningún comentario.
consulta-informe-cada-texto-publicado-respuesta = Cada texto publicado y su respuesta
consulta-informe-resultado-comentarios-publicados = Resultado de los comentarios publicados
consulta-informe-retenidos-motivo = Retenidos, por motivo
consulta-informe-dias = días).
consulta-informe-dias-responder-texto-mas = días en responder (el texto que más esperó:
consulta-informe-comite-tardo-promedio = El Comité tardó en promedio
consulta-informe-publicados-respuesta = publicados con respuesta
consulta-informe-comentarios = comentarios)
consulta-informe-textos-enviados-varias-personas = textos enviados por varias personas (
consulta-informe-descargar = · Descargar en
consulta-informe-volver-consulta = Volver a la consulta
consulta-informe-recibio-hizo-comite-cada = Qué se recibió y qué hizo el Comité con cada texto.
consulta-informe-informe-consulta = Informe de la consulta «
consulta-informe-informe = Informe:
consultas-cerradas = Cerradas
consultas-proximas = Próximas
consultas-no-hay-consultas-abiertas = No hay consultas abiertas en este momento.
consultas-abiertas = Abiertas
consultas-antes-cambiar-tramite-ministerio = Antes de cambiar un trámite, el Ministerio publica la propuesta durante al menos un mes para que usted opine.
datos-archivos = Archivos
datos-catalogo-jsonld-dcat-ap-html = <a href="/datos/catalogo.jsonld">catalogo.jsonld</a> (DCAT-AP 3, para portales como datos.gob.gt con CKAN)
datos-catalogo = Catálogo
datos-nunca-incluyen-correos-direcciones = Nunca incluyen correos, direcciones ni textos retenidos por moderación.
datos-privacidad = Privacidad
datos-continua-cada-archivo-refleja = Continua: cada archivo refleja los datos del momento en que se descarga.
datos-actualizacion = Actualización
datos-creative-commons-atribucion-4 = Creative Commons Atribución 4.0
datos-licencia = Licencia
datos-todo-este-sitio-muestra = Todo lo que este sitio muestra, en archivos que cualquiera puede descargar, reutilizar y publicar, citando al Ministerio de Trabajo y Previsión Social.
encuesta-ver-informe-uso-este = Ver el informe de uso de este trámite
encuesta-todavia-nadie-ha-respondido = Todavía nadie ha respondido.
encuesta-resultados-hasta-ahora = Resultados hasta ahora
encuesta-enviar-respuestas = Enviar respuestas
encuesta-hasta-2-000-caracteres = Hasta 2,000 caracteres. El Comité lo lee antes de publicarlo; no escriba datos personales.
encuesta-comentario-opcional = Comentario (opcional)
encuesta-elija-opcion = Elija una opción
encuesta-como-hizo = ¿Cómo lo empezó?
encuesta-pudo-terminar-tramite-linea = ¿Pudo terminarlo sin ir a una oficina?
encuesta-pudo-terminar-ayuda = Si lo empezó en línea pero tuvo que ir a una oficina para terminarlo, responda «No».
encuesta-5 = ) al 5 (
encuesta-1 = Del 1 (
encuesta-gracias-responder-respuesta-ya-html = <strong>Gracias por responder.</strong> Su respuesta ya cuenta en los resultados de abajo.
encuesta-sus-respuestas-ayudan-comite = . Sus respuestas ayudan al Comité de Simplificación a saber si el cambio funcionó. Son anónimas: solo publicamos totales y promedios.
encuesta-como-le-fue-este = ¿Cómo le fue con este trámite?
encuesta-encuesta = Encuesta:
indicadores-numero-tramites-cada-etapa = Número de trámites en cada etapa del ciclo
indicadores-generales-linea = Generales en línea
indicadores-prioritarios-linea = Prioritarios en línea
indicadores-dia = Día
indicadores-ultimos-dias-medidos = Últimos días medidos
indicadores-grafica-aparece-cuando-haya = La gráfica aparece cuando haya al menos dos días medidos.
indicadores-linea-azul-continua-servicios = Línea azul continua: servicios prioritarios. Línea naranja discontinua: servicios generales.
indicadores-indicadores-miden-guardan-cada-html = Los indicadores se miden y guardan cada día. La serie completa está en <a href="/datos/indicadores.csv">indicadores.csv</a>.
indicadores-camino-hacia-metas = Camino hacia las metas
indicadores-detalle = Detalle
indicadores-servicio-este-linea-no = Que un servicio esté en línea no basta: cuenta cuántas personas lo usan así. Proporción de los trámites realizados en línea en los últimos doce meses con datos.
indicadores-tramites-realizados-linea = Trámites realizados en línea
indicadores-meta = meta
indicadores-meta-aun-no-cumplida = meta aún no cumplida
indicadores-meta-cumplida = meta cumplida
indicadores-programa-gobierno-electronico-2021 = El Programa de Gobierno Electrónico 2021-2026 se propuso que todos los servicios prioritarios y la mitad de los generales se hagan en línea en 2024, y todos los generales en 2026.
indicadores-indicadores-programa = Indicadores del programa
informe-dias-atraso = Días de atraso
informe-vencio = Venció
informe-en = % en
informe-de = de
informe-generales = Generales
informe-prioritarios = Prioritarios
informe-cumplida = ¿Cumplida?
informe-medido = Medido
informe-meta = Meta
informe-servicios-linea = Servicios en línea
informe-cumplida-2 = (cumplida)
informe-raya-negra-marca-meta = . La raya negra marca la meta; la barra verde, una meta cumplida.
informe-medidos = Medidos el
informe-indicadores-frente-metas = Indicadores frente a las metas
informe-visitas-menos = Visitas menos
informe-requisitos-menos = Requisitos menos
informe-quetzales-ano = Quetzales al año
informe-horas-ano = Horas al año
informe-ellos-poder-estado-decreto = de ellos en poder del Estado, Decreto 5-2021).
informe-requisitos-menos-2 = requisitos menos (
informe-personas = a las personas, con
informe-tramites-lanzados-periodo-ahorran = Los trámites lanzados en el periodo ahorran cada año
informe-ahorros-logrados = Ahorros logrados
informe-respondidos = Respondidos
informe-retenidos = Retenidos
informe-publicados = Publicados
informe-recibidos = Recibidos
informe-respondidos-2 = respondidos
informe-consultas = consultas
informe-ninguno-periodo = Ninguno en el periodo.
informe-tramites-eliminados = Trámites eliminados
informe-tramites-lanzados = Trámites lanzados
informe-veces = Veces
informe-transicion = Transición
informe-ninguna = Ninguna.
informe-transiciones-aplicadas-periodo = Transiciones aplicadas en el periodo
informe-final = Al final
informe-inicio = Al inicio
informe-todos-informes = Todos los informes
informe-excel-xlsx = Excel (XLSX)
informe-descargar = Descargar:
informe-informe-cierra-cuando-termina = ; el informe se cierra cuando termina el periodo.
informe-periodo-curso-cifras-html = <strong>Periodo en curso.</strong> Cifras al
informe-registrada-bitacora-auditoria = , registrada en la bitácora de auditoría.
informe-ya-no-cambia-huella = Ya no cambia. Su huella digital (un código calculado de sus cifras que cambiaría si cambiara una sola cifra; cualquiera puede recalcularlo del archivo JSON con SHA-256) es
informe-informe-cerrado = Informe cerrado el
informe-hizo-comite-simplificacion-tramites = . Lo que hizo el Comité de Simplificación de Trámites en el periodo, con cifras que cualquiera puede comprobar.
informe-al = al
informe-del = Del
informe-informe-cuatrimestral-rendicion-cuentas = Informe cuatrimestral de rendición de cuentas:
informe-informe-cuatrimestral = Informe cuatrimestral
informe-tramites-etapa-barra-clara = Trámites por etapa: barra clara al inicio del periodo, barra oscura al final
informe-consultas-periodo = Consultas del periodo
informe-ahorro-tramite = Ahorro por trámite
informe-proporcion-servicios-linea-frente = Proporción de servicios en línea frente a cada meta
informe-etapas-vencidas-mas-antiguas = Etapas vencidas más antiguas
informes-xlsx = XLSX
informes-cuando-termina-periodo-informe-html = Cuando termina un periodo, su informe se cierra: se guarda tal como quedó, su huella digital (un código que cambiaría si cambiara una sola cifra) queda anotada en el registro público de cambios, donde nadie puede borrarla sin que se note, y el informe ya no cambia. Cada informe se puede descargar en PDF, Excel (XLSX), CSV y JSON; la lista de informes está también en los <a href="/datos">datos abiertos</a> (<a href="/datos/informes.csv">informes.csv</a>).
informes-cada-cuatro-meses-comite = Cada cuatro meses, el Comité de Simplificación de Trámites rinde cuentas de lo hecho: en qué etapa está cada trámite, qué cambió, qué consultas hubo, cuánto se ahorró y cómo van las metas del programa.
inicio-codigo-vea-si-comentario = Con su código, vea si su comentario se publicó y qué respondió el Comité.
inicio-diganos-como-le-fue = Díganos cómo le fue con un servicio, qué datos quiere ver publicados o qué necesita para su trabajo.
inicio-inventario-consultas-comentarios-publicados = El inventario, las consultas, los comentarios publicados y los indicadores, para descargar y reutilizar.
inicio-cada-cuatro-meses-etapas = Cada cuatro meses: etapas, consultas, ahorros logrados y metas, en PDF, Excel, CSV y JSON.
inicio-cuantos-servicios-ya-hacen = Cuántos servicios ya se hacen en línea, frente a las metas del programa.
inicio-pide-cada-tramite-cuanto = Qué pide cada trámite, cuánto cuesta, cuánto tarda y en qué etapa de simplificación está.
inicio-mas-este-sitio = Más en este sitio
inicio-todas-consultas = Todas las consultas
inicio-no-hay-consultas-abiertas-html = No hay consultas abiertas en este momento. <a href="/consultas">Vea las próximas y las cerradas</a>.
inicio-consultas-abiertas-ahora = Consultas abiertas ahora
inicio-ministerio-trabajo-revisa-sus = El Ministerio de Trabajo revisa sus trámites para pedir menos papeles y hacerlos en línea. Antes de cada cambio, usted puede leer la propuesta y opinar.
inicio-tramites-mas-simples-decididos = Trámites más simples, decididos con usted
inicio-inicio = Inicio
opinion-ver-opiniones-anteriores = Ver opiniones anteriores
opinion-todavia-no-hay-opiniones = Todavía no hay opiniones publicadas.
opinion-opiniones-publicadas = Opiniones publicadas
opinion-enviar-opinion = Enviar opinión
opinion-publica-junto-opinion-si = Se publica junto a su opinión. Si lo deja vacío, aparece como «Anónimo».
opinion-hasta-10-000-caracteres = Hasta 10,000 caracteres. No escriba datos personales de otras personas.
opinion-elija-tema = Elija un tema
opinion-comite-simplificacion-lee-cada = El Comité de Simplificación lee cada opinión antes de publicarla y la responde. No publicamos su correo.
opinion-cuentenos-como-le-fue = Cuéntenos cómo le fue con un servicio del Ministerio, qué datos le gustaría que publiquemos o qué necesita para encontrar o mejorar su trabajo.
opinion-diganos-piensa = Díganos qué piensa
seguimiento-si-dejo-correo-le = Si dejó su correo, le avisamos cuando responda.
seguimiento-responde-opiniones-publicadas-pagina = Responde a las opiniones publicadas en la página de opiniones.
seguimiento-comite-simplificacion-revisa-cada = El Comité de Simplificación revisa cada opinión antes de publicarla.
seguimiento-cuando-consulta-cierra-decide = Cuando la consulta cierra, decide el cambio y lo explica en la página de la consulta.
seguimiento-responde-comentarios-publicados-textos = Responde a los comentarios publicados; los textos iguales reciben una sola respuesta.
seguimiento-comite-simplificacion-revisa-cada-2 = El Comité de Simplificación revisa cada comentario antes de publicarlo.
seguimiento-pasa-despues = Qué pasa después
seguimiento-recibido = Recibido
seguimiento-guarde-este-codigo-puede-html = <strong>Guarde este código.</strong> Con él puede volver a esta página y ver la respuesta del Comité.
seguimiento-estado = Estado de su
seguimiento-codigo-seguimiento = Su código de seguimiento
seguimiento-buscar-ejemplo-c-2026-7k3f = Por ejemplo: C-2026-7K3F-9Q2M
seguimiento-buscar-codigo-seguimiento = Código de seguimiento
seguimiento-buscar-escriba-codigo-recibio-enviar = Escriba el código que recibió al enviar su comentario.
seguimiento-buscar-revise-este-bien-escrito = . Revise que esté bien escrito.
seguimiento-buscar-no-encontramos-ningun-comentario = No encontramos ningún comentario con el código
suscripcion-ir = Ir a
tramite-de = De
tramite-a = A
tramite-cambios-etapa-mas-antiguo = Cambios de etapa, del más antiguo al más reciente
tramite-aun-no-ha-cambiado = Aún no ha cambiado de etapa.
tramite-historial = Historial
tramite-este-tramite-no-ha = Este trámite no ha tenido consultas públicas.
tramite-reciba-aviso-correo-cuando = Reciba un aviso por correo cuando se abra una consulta sobre este trámite
tramite-informe-uso-cuantos-hacen = Informe de uso: cuántos lo hacen en línea y qué opinan
tramite-cinco-preguntas-anonimas = (cinco preguntas, anónimas) ·
tramite-cuentenos-como-le-fue = Cuéntenos cómo le fue
tramite-ya-hizo-este-tramite = ¿Ya hizo este trámite?
tramite-para-resolver = para resolver.
tramite-dias-menos = días menos
tramite-dia-menos = día menos
tramite-tramite = por trámite.
tramite-visitas-presenciales-menos = visitas presenciales menos
tramite-visita-presencial-menos = visita presencial menos
tramite-ellos-poder-estado-decreto = de ellos en poder del Estado (Decreto 5-2021)
tramite-requisitos-menos = requisitos menos
tramite-requisito-menos = requisito menos
tramite-personas = a las personas.
tramite-frente-como-era-cuando = Frente a como era cuando empezó su análisis, este trámite ahorra cada año
tramite-ahorra-simplificacion = Lo que ahorra la simplificación
tramite-tiempo-viajes-pagos-modelo = en tiempo, viajes y pagos (el cálculo suma las horas que cada persona dedica al trámite y lo que gasta en cada visita y pago).
tramite-personas-les-cuesta = de las personas y les cuesta
tramite-solicitudes-ano-este-tramite = solicitudes al año, este trámite consume
tramite-con = Con
tramite-cuesta-ciudadania-ano = Lo que cuesta a la ciudadanía en un año
tramite-oficina-responsable = Oficina responsable
tramite-como-hace = Cómo se hace
tramite-visitas-oficina = Visitas a una oficina
tramite-tiempo-respuesta = Tiempo de respuesta
tramite-costo = Costo
tramite-este-tramite-no-pide = Este trámite no pide documentos.
tramite-etapa-actual = (etapa actual)
tramite-etapa-actual-2 = Etapa actual:
tramite-donde-esta-ciclo-simplificacion = Dónde está en el ciclo de simplificación
tramites-ver-mas-tramites = Ver más trámites
tramites-no-hay-tramites-coincidan = No hay trámites que coincidan con la búsqueda.
tramites-cada-tramite-ministerio-pide = Cada trámite del Ministerio, qué pide y en qué etapa de simplificación está.
tramites-que-busca = ¿Qué trámite busca?
tramites-pista-busqueda = Escriba lo que quiere hacer o lo que necesita, por ejemplo «permiso de trabajo» o «constancia».
tramites-mas-filtros = Más filtros
tramites-filtro-prioridad = Prioridad del Ministerio
tramites-filtro-avance = Avance de la simplificación
tramites-filtro-todos = Todos
tramites-categoria-priority = Priorizados para simplificar
tramites-categoria-general = Los demás
tramites-para = Para:
tramites-codigo-avance = Código { $codigo } · Simplificación: { $etapa }
tramites-ordenados-relevancia = Los trámites que mejor responden a su búsqueda aparecen primero.
tramites-ninguno-con = No encontramos trámites con «{ $palabras }»
tramites-puede = Puede:
tramites-sugerencia-palabra = buscar solo «{ $palabra }» ({ $n ->
    [one] 1 trámite
   *[other] { $n } trámites
})
tramites-sugerencia-sin-filtros = buscar sin los filtros ({ $n ->
    [one] 1 trámite
   *[other] { $n } trámites
})
tramites-sugerencia-escritura = revisar cómo se escribieron las palabras
tramites-sugerencia-otras = usar menos palabras u otras que digan lo que quiere obtener (un permiso, una constancia, una inscripción)
tramites-sugerencia-todos = ver todos los trámites
uso-ninguno = Ninguno.
uso-carga-antes-despues = Carga antes y después
uso-encuesta = Encuesta
uso-tramite-aun-no-ha = El trámite aún no se ha lanzado.
uso-despues = . Después:
uso-antes = . Antes:
uso-lanzado = Lanzado en
uso-linea-antes-despues-lanzamiento = En línea antes y después del lanzamiento
uso-total = Total
uso-linea = En línea (%)
uso-linea-2 = % en línea
uso-tramites = trámites,
uso-tramites-realizados-canal = Trámites realizados por canal
uso-descargar = Descargar en
uso-ver-este-periodo = Ver este periodo
uso-desde-aaaa-mm = Desde (mes)
uso-cuantas-personas-hicieron-cada = : cuántas personas lo hicieron por cada canal, qué dicen en la encuesta y cuánto se simplificó.
uso-de = , de
uso-evaluacion-aceptacion = Evaluación de la aceptación de
uso-informe-uso = Informe de uso:
uso-tramites-realizados-cada-mes = Trámites realizados cada mes: barra completa, el total; parte oscura, en línea
uso-uso-canal-mes-mes = Uso por canal, mes a mes

## Páginas de error (web/errors.rs)

pagina-no-encontrada = No encontramos esa página
pagina-no-encontrada-detalle = Puede que la dirección esté mal escrita o que la página ya no exista.
pagina-demasiados-envios = Demasiados envíos seguidos
pagina-demasiados-envios-detalle = Recibimos muchos envíos desde su conexión en poco tiempo. Intente de nuevo en { $espera }. Si comparte la conexión (un café internet, una oficina), es posible que otras personas hayan enviado antes.
pagina-consulta-cerro = La consulta ya cerró
pagina-consulta-cerro-detalle = El plazo para comentar terminó, así que su comentario no se guardó. Puede leer los comentarios publicados y las respuestas del Comité.
pagina-consulta-no-abierta = La consulta aún no está abierta
pagina-consulta-no-abierta-detalle = Todavía no se reciben comentarios. Vuelva cuando se abra el plazo.
pagina-muchos-comentarios = Estamos recibiendo muchos comentarios
pagina-muchos-comentarios-detalle = Su comentario no se guardó. Vuelva a enviarlo en { $segundos ->
    [one] { $segundos } segundo
   *[other] { $segundos } segundos
}: lo que escribió sigue en el formulario si regresa con el botón Atrás.
pagina-servicio-no-responde = El servicio no responde por ahora
pagina-servicio-no-responde-detalle = Intente de nuevo en unos minutos. Lo que haya escrito no se guardó.
pagina-fallo-nuestro = Algo falló de nuestro lado
pagina-fallo-nuestro-detalle = No es un error suyo. Intente de nuevo en unos minutos.

## Avisos por correo (suscripción) y entrada del personal

aviso-enlace-no-valido = El enlace no es válido
aviso-enlace-no-valido-detalle = Puede que esté incompleto: copie la dirección completa del mensaje. Si ya dejó de recibir avisos, no tiene que hacer nada más.
comun-ir-catalogo = Ir al catálogo de trámites
aviso-confirme = Confirme su aviso
aviso-confirme-detalle = Pulse el botón para recibir un correo cada vez que se abra una consulta pública sobre este trámite.
aviso-confirmar = Confirmar aviso
aviso-dejar = Dejar de recibir avisos
aviso-dejar-detalle = Pulse el botón y no le escribiremos más sobre este trámite.
aviso-confirmado = Aviso confirmado
aviso-confirmado-detalle = Le escribiremos cuando se abra una consulta pública sobre este trámite. Cada mensaje trae un enlace para dejar de recibirlos.
aviso-baja-lista = Listo: no recibirá más avisos
aviso-baja-lista-detalle = No le escribiremos más sobre este trámite. Puede volver a pedir avisos desde su página cuando quiera.
entrar-otro-sitio = No pudimos iniciar la sesión
entrar-otro-sitio-detalle = El formulario llegó desde otro sitio web. Para entrar, abra la página de entrada de este sitio y escriba allí su usuario y su contraseña.
entrar-ir-a-entrada = Ir a la página de entrada
entrar-contrasena-desactivada = La entrada con contraseña está desactivada
entrar-institucional-no-disponible = La entrada con cuenta institucional no está disponible
entrar-institucional-no-disponible-detalle = Este servicio no tiene configurado un proveedor de cuentas institucionales. Entre con su usuario y su contraseña.
entrar-institucional-sin-proveedor = El proveedor de cuentas institucionales no responde
entrar-institucional-sin-proveedor-detalle = No pudimos comunicarnos con el servicio de cuentas institucionales. Intente de nuevo en unos minutos; si sigue igual, avise a informática.
entrar-institucional-rechazada = No pudimos completar la entrada
entrar-institucional-rechazada-detalle = La respuesta del proveedor de cuentas no corresponde a una entrada iniciada en este navegador, ya se usó, venció o no pudo comprobarse. Vuelva a la página de entrada e inténtelo de nuevo.
entrar-institucional-sin-cuenta = Su cuenta institucional no tiene acceso
entrar-institucional-sin-cuenta-detalle = Su identidad se comprobó, pero no hay una cuenta activa de gestión de trámites para usted. Pida a un administrador que le cree una cuenta con su correo institucional y le asigne sus roles; después podrá entrar con su cuenta institucional.
entrar-escriba-usuario = Escriba su usuario y su contraseña.
entrar-demasiados-intentos = Demasiados intentos fallidos. Espere { $n ->
        [one] { $n } minuto
       *[other] { $n } minutos
    } antes de intentar de nuevo.

## src/web/consultation_report.rs

pagina-informe-aun-no-esta = El informe aún no está listo
pagina-informe-consulta-publica-cuando = El informe de una consulta se publica cuando cierra su plazo.

## src/web/consultations/comment_form.rs

pagina-comentario-todavia-no-guardo = Su comentario todavía no se guardó
pagina-revise-comentario = Revise su comentario

## src/web/consultations/mod.rs

pagina-recibe-comentarios-hasta = Recibe comentarios hasta el { $v1 }
pagina-abre = Se abre el { $v1 }
pagina-cerro = Cerró el { $v1 }
pagina-comentario-retenido = Comentario retenido el { $at }: { $v1 }.
pagina-recibe-comentarios-desde-hasta = Recibe comentarios desde el { $v1 } hasta el { $v2 }.
pagina-recibira-comentarios-desde-hasta = Recibirá comentarios desde el { $v1 } hasta el { $v2 }.
pagina-recibio-comentarios-hasta = Recibió comentarios hasta el { $v1 }.
pagina-abierta = Abierta
pagina-proximamente = Próximamente
pagina-cerrada = Cerrada

## src/web/evaluation.rs

pagina-horas-ano-requisitos-visitas = { $v1 } horas y { $v2 } al año; { $v3 } requisitos y { $v4 } visitas menos
pagina-esta-encuesta-no-esta = Esta encuesta no está abierta
pagina-cada-tramite-tiene-encuesta = Cada trámite tiene su encuesta cuando se lanza. Este aún no se ha lanzado o no existe.
pagina-ver-catalogo-tramites = Ver el catálogo de trámites
pagina-cuando-empezo-analisis = Cuando empezó su análisis
pagina-ahora = Ahora
pagina-ahorro = Ahorro

## src/web/feedback.rs

pagina-opinion-retenida = Opinión retenida el { $at }: { $v1 }.

## src/web/indicators.rs

pagina-servicios-categoria-linea = Servicios de categoría «{ $v1 }» en línea: meta de { $anio }
indicadores-de-total = { $n } de { $total }
pagina-meta = meta { $v1 } %, { $v2 }
pagina-servicios = Servicios { $v1 }
pagina-tramites-realizados = { $v1 } de { $v2 } trámites realizados, de { $f } a { $t }
pagina-sin-datos-uso-todavia = sin datos de uso todavía

## src/web/notices.rs

pagina-direccion-contiene-caracteres-no = la dirección contiene caracteres no permitidos
pagina-formulario-caduco-envielo-nuevo = el formulario caducó; envíelo de nuevo

## src/web/procedures.rs

pagina-tramites-linea = { $v1 } % de los trámites en línea
pagina-satisfaccion-5-respuestas = satisfacción { $v1 } de 5 ({ $n } respuestas)
pagina-sin-datos-uso = sin datos de uso
pagina-sin-respuestas-encuesta = sin respuestas a la encuesta

## Seguimiento de un comentario o una opinión

seguimiento-comentario = comentario
seguimiento-opinion = opinión
seguimiento-publicado = Publicado
seguimiento-retenido = Retenido
seguimiento-publicada = Publicada
seguimiento-retenida = Retenida
seguimiento-recibida = Recibida
seguimiento-comentario-respondido = Su comentario está publicado y el Comité ya respondió.
seguimiento-comentario-publicado = Su comentario está publicado. El Comité responderá a todos los comentarios publicados antes de seguir con el cambio.
seguimiento-comentario-publicado-abierta = Su comentario está publicado. El Comité responderá a todos los comentarios publicados antes de seguir con el cambio; la consulta cierra el { $cierre }.
seguimiento-comentario-retenido = Su comentario no se publicó: { $motivo }. Puede enviar otro si la consulta sigue abierta.
seguimiento-comentario-recibido = Recibimos su comentario. El Comité lo revisa antes de publicarlo; luego lo responderá. La consulta { $abierta ->
    [si] cierra
   *[no] cerró
} el { $cierre }.
seguimiento-opinion-respondida = Su opinión está publicada y el Comité ya respondió.
seguimiento-opinion-publicada = Su opinión está publicada en la página de opiniones. El Comité la responderá ahí.
seguimiento-opinion-retenida = Su opinión no se publicó: { $motivo }. Puede enviar otra cuando quiera.
seguimiento-opinion-recibida = Recibimos su opinión. El Comité la revisa antes de publicarla; luego la responderá.

## Datos abiertos: cada archivo de /datos

datos-tramites-csv-titulo = Inventario de trámites (CSV)
datos-tramites-csv-descripcion = Cada trámite con sus requisitos, costo, tiempo, canal, etapa del ciclo, carga anual y ahorro desde su línea base. Las mismas columnas que importa el sistema.
datos-tramites-xlsx-titulo = Inventario de trámites (XLSX)
datos-tramites-xlsx-descripcion = El mismo inventario en una hoja de cálculo.
datos-tramites-json-titulo = Inventario de trámites (JSON)
datos-tramites-json-descripcion = El mismo inventario como lo da la API.
datos-tramites-jsonld-titulo = Inventario de trámites (CPSV-AP 3.2)
datos-tramites-jsonld-descripcion = Cada trámite como servicio público (cpsv:PublicService) en JSON-LD.
datos-consultas-csv-titulo = Consultas públicas
datos-consultas-csv-descripcion = Cada consulta con su plazo y sus cifras: recibidos, textos distintos, publicados, retenidos, respondidos.
datos-comentarios-csv-titulo = Comentarios publicados
datos-comentarios-csv-descripcion = Los comentarios publicados con cuántas personas enviaron el mismo texto, el artículo comentado, si proponen otra redacción, y la respuesta del Comité con los artículos que cambió. Nunca correos ni textos retenidos.
datos-textos-json-titulo = Textos consultados y finales
datos-textos-json-descripcion = El borrador de cada consulta y su texto final, artículo por artículo, con la huella SHA-256 de cada uno y qué cambió en cada artículo.
datos-historial-csv-titulo = Historial de etapas
datos-historial-csv-descripcion = Cada paso aplicado a cada trámite: de qué etapa a cuál y cuándo.
datos-indicadores-csv-titulo = Indicadores del programa
datos-indicadores-csv-descripcion = La serie diaria: la proporción de servicios en línea por categoría junto a las metas de 2024 y 2026, las etapas vencidas y los trámites por etapa.
datos-informes-csv-titulo = Informes de rendición de cuentas
datos-informes-csv-descripcion = Cada informe cuatrimestral con su estado, la huella SHA-256 de los cerrados y sus enlaces en PDF y JSON.
datos-catalogo-jsonld-titulo = Catálogo DCAT-AP 3
datos-catalogo-jsonld-descripcion = La descripción de todos estos archivos para portales de datos abiertos (CKAN).
datos-ministerio-unidad = Ministerio de Trabajo y Previsión Social — { $unidad }
datos-ministerio = Ministerio de Trabajo y Previsión Social de Guatemala
datos-catalogo-titulo = Datos abiertos de trámites del Ministerio de Trabajo
datos-catalogo-descripcion = Inventario de trámites, consultas públicas, comentarios publicados, historial e indicadores del programa de simplificación.
pagina-correo-valido = escriba una dirección de correo válida, como nombre@ejemplo.com
pagina-fallo-render = Algo falló de nuestro lado. Intente de nuevo en unos minutos.

## Participatory drafts
borrador-articulo = Artículo { $numero }
borrador-articulo-titulo = Artículo { $numero }. { $titulo }
borrador-comentarios-publicados = { $n ->
    [0] Sin comentarios publicados
    [one] 1 comentario publicado
   *[other] { $n } comentarios publicados
}
borrador-comentar-articulo = Comentar este artículo
borrador-cambio-unchanged = Sin cambios
borrador-cambio-changed = Cambió
borrador-cambio-added = Artículo nuevo
borrador-cambio-removed = Se quitó
borrador-texto-quitado = Texto quitado:
borrador-texto-agregado = Texto agregado:
borrador-fin-cambio = Fin del cambio.
borrador-comentario-n = Comentario { $n }
borrador-resumen-cambios = { $cambiados ->
    [0] Ningún artículo cambió
    [one] 1 artículo cambió
   *[other] { $cambiados } artículos cambiaron
}, { $nuevos ->
    [0] ninguno es nuevo
    [one] 1 es nuevo
   *[other] { $nuevos } son nuevos
}, { $quitados ->
    [0] no se quitó ninguno
    [one] se quitó 1
   *[other] se quitaron { $quitados }
} y { $sin ->
    [0] ninguno quedó igual
    [one] 1 quedó igual
   *[other] { $sin } quedaron igual
}.
borrador-texto-final = Texto final
borrador-texto-final-de = Texto final de «{ $titulo }»
borrador-publicado-el = Publicado por el Comité el { $fecha }.
borrador-huella = Huella digital del texto (SHA-256: un código que cambia si cambia una sola letra, para comprobar que el texto no se alteró):
borrador-nota-comite = Nota del Comité:
borrador-comentarios-detras = Comentarios que llevaron a este cambio:
borrador-volver-consulta = Volver a la consulta
borrador-ver-texto-final = Ver el texto final y qué cambió por los comentarios
borrador-como-leer = Lo agregado aparece subrayado y lo quitado, tachado.
borrador-comentarios-sobre = Comentarios sobre el artículo { $numero }
borrador-ver-todos = Ver todos los comentarios
borrador-sobre-articulo = Sobre el
borrador-propone-redaccion = Propone esta redacción:
borrador-primera-ronda = Esta consulta es una segunda ronda de
borrador-segunda-ronda = Esta propuesta tuvo una segunda ronda:
borrador-campo-articulo = Artículo que comenta (opcional)
borrador-todo-borrador = Todo el borrador
borrador-campo-propuesta = Su redacción del artículo (opcional)
borrador-ayuda-propuesta = Escriba cómo diría usted el artículo elegido; la publicamos junto a su comentario con las diferencias marcadas.
informe-cambiado-por-comentarios = Comentarios que lo cambiaron
cifra-recibidos = { $n ->
    [one] recibido
   *[other] recibidos
}
cifra-publicados = { $n ->
    [one] publicado
   *[other] publicados
}
cifra-retenidos = { $n ->
    [one] retenido
   *[other] retenidos
}
cifra-en-revision = en revisión
consulta-ir-a-comentar = Dejar un comentario
consulta-quedan-dias = { $n ->
    [0] Hoy es el último día para comentar.
    [one] Queda 1 día para comentar, además de hoy.
   *[other] Quedan { $n } días para comentar, además de hoy.
}
encuesta-revise-respuestas = Revise sus respuestas
opinion-revise-opinion = Revise su opinión
encuesta-pregunta-satisfaccion = ¿Qué tan satisfecho quedó?
encuesta-satisfaccion-baja = nada satisfecho
encuesta-satisfaccion-alta = muy satisfecho
encuesta-pregunta-facilidad = ¿Qué tan fácil fue hacerlo?
encuesta-facilidad-baja = muy difícil
encuesta-facilidad-alta = muy fácil
indicadores-barra-descripcion = { $porcentaje } % en línea; { $meta }
indicadores-grafico-descripcion = Proporción de servicios en línea del { $desde } al { $hasta } ({ $dias } días medidos): línea azul continua, prioritarios; línea naranja discontinua, generales; rayas grises, las metas de 50 % y 100 %
consulta-no-se-guardo = Su comentario no se guardó
consulta-su-texto-conservar = El texto que escribió, para que lo conserve
consulta-ver-consultas-abiertas = Ver las consultas abiertas
consulta-enviar-como-opinion = Enviarlo como opinión general
seguimiento-enviado-comentario = Comentario enviado
seguimiento-enviado-opinion = Opinión enviada
seguimiento-copia-correo = Le enviamos este código a la dirección de correo que dio.
seguimiento-imprimir = Imprimir esta página
seguimiento-sobre = Sobre
seguimiento-articulo = Artículo { $numero }
seguimiento-lo-que-envio = Lo que envió
seguimiento-puede-enviar-otro = Mientras la consulta esté abierta, puede enviar un comentario nuevo desde su página.
seguimiento-puede-enviar-otra = Puede enviar otra opinión cuando quiera.
tramite-como-hacerlo = Cómo hacer el trámite
tramite-hacer-en-linea = Hacer el trámite en línea
tramite-en-oficinas = { $n ->
        [one] En la oficina
       *[other] En las oficinas
    }
tramite-horario = Horario de atención:
tramite-consultas = Para consultas:
tramite-llame = llame al { $numero }
tramite-whatsapp = escriba por WhatsApp al { $numero }
tramite-sin-datos-acceso = El Ministerio aún no ha publicado aquí dónde y cuándo atiende este trámite. Pregunte en la { $unidad }.
tramite-que-llevar = Qué llevar hoy
tramite-aun-se-pide-estado-tiene = (hoy todavía se pide, aunque el Estado ya lo tiene: el Comité trabaja para dejar de pedirlo)
tramite-ya-no-se-pide = Ya no se pide:
tramite-eliminado = (eliminado)
tramite-dias-n = { $n ->
        [one] { $n } día
       *[other] { $n } días
    }
tramite-ciclo-explica = El Comité de Simplificación revisa cada trámite para pedir menos papeles y visitas. Estas son sus etapas.
tramite-codigo-inventario = Código en el inventario: { $codigo }
consulta-que-se-decidio = Qué se decidió
consulta-resultado-cifras = La consulta recibió { $recibidos } comentarios; el Comité publicó { $publicados } y respondió { $respondidos }.
consulta-texto-final-publicado = El Comité publicó el texto final, con cada cambio y los comentarios que lo motivaron.
consulta-texto-final-pendiente = El Comité todavía no ha publicado el texto final: primero responde a los comentarios publicados.
consulta-avisame-cuando-abra = Avíseme por correo cuando abra

## Campañas y «Me sumo» (issue 36)

apoyo-titulo = Sumarse a un comentario
apoyo-registrado = Se sumó a este comentario
apoyo-cuenta-como-firma = Su nombre cuenta como una firma más de este comentario: el Comité lo lee una vez y sabe cuántas personas lo respaldan. No hace falta copiarlo.
apoyo-revise = Revise los datos para sumarse
apoyo-el-comentario = El comentario
apoyo-volver = Volver a la consulta
apoyo-me-sumo = Me sumo
apoyo-sumarse-ayuda = ¿Piensa lo mismo? Súmese en lugar de copiar el texto.
apoyo-se-sumaron = { $n ->
    [one] 1 persona se sumó
   *[other] { $n } personas se sumaron
}
campana-enviado-por = { $n ->
    [one] Este texto fue enviado por 1 persona
   *[other] Este texto, con variaciones menores, fue enviado por { $n } personas
}
campana-leer-variantes = Leer las variantes
campana-variantes-titulo = Variantes de un texto enviado por varias personas
campana-variantes-entrada = Estas personas enviaron el mismo argumento con pequeñas diferencias. Se marcan las palabras que cambian respecto del primer texto recibido.
campana-variante-veces = { $n ->
    [one] enviada 1 vez
   *[other] enviada { $n } veces
}
campana-texto-representativo = Primer texto recibido
informe-campanas-titulo = Campañas: cómo se contaron las copias
informe-metodo-campanas = Los comentarios casi iguales cuentan como un solo argumento (una campaña): textos cuya similitud de Jaccard sobre secuencias de 5 palabras, con mayúsculas, tildes y signos de puntuación igualados, es de al menos { $umbral }, estimada con MinHash (100 funciones) y LSH (20 bandas de 5 filas). Los textos de menos de 12 palabras se agrupan solo si son idénticos.
informe-argumentos-distintos = { $n ->
    [one] argumento distinto
   *[other] argumentos distintos
}
informe-firmas-me-sumo = { $n ->
    [one] firma «Me sumo» en comentarios publicados
   *[other] firmas «Me sumo» en comentarios publicados
}
informe-campanas-mayores = Las diez campañas más grandes
informe-campana-texto = Texto
informe-campana-comentarios = Comentarios
informe-campana-parte = Parte de los recibidos
informe-campana-firmas = Firmas «Me sumo»
informe-campana-retenida = (texto retenido en la moderación)
consulta-idiomas-borrador = Idiomas del borrador
consulta-leer-en = Leer en { $idioma }
consulta-original-oficial = Leer el original en español (texto oficial)
consulta-leyendo-traduccion = Está leyendo la traducción al { $idioma } hecha por { $traductor }. El texto oficial es el original en español; si hay diferencias, vale el original. Puede comentar en { $idioma }.
feeds-calendario-nombre = Consultas públicas del Ministerio de Trabajo y Previsión Social
feeds-calendario-descripcion = Cada consulta pública sobre un trámite, del día en que abre al día en que cierra.
feeds-evento-titulo = Consulta pública: { $titulo }
feeds-evento-descripcion = { $resumen } Lea la propuesta y comente en { $direccion }
feeds-entrada-abierta = Abrió la consulta: { $titulo }
feeds-entrada-informe = Informe de la consulta: { $titulo }
feeds-entrada-texto-final = Texto final publicado: { $titulo }
feeds-autor = Comité de Simplificación de Trámites, MINTRAB
calendario-titulo = Calendario de consultas
calendario-entrada = Las consultas abiertas y las próximas, por fecha. Cada una recibe comentarios durante un mes.
calendario-ventana = del { $desde } al { $hasta }
calendario-abre-en-dias = { $n ->
    [0] Abre hoy
    [one] Abre mañana
   *[other] Abre en { $n } días
}
calendario-sin-proximas = No hay consultas programadas por ahora.
calendario-suscribirse = Reciba las fechas en su calendario
calendario-suscribirse-explica = Agregue estas direcciones a su programa de calendario o lector de noticias: se actualizan solas cuando se programa, abre o cierra una consulta.
calendario-enlace-ics = Calendario de consultas (iCalendar, .ics)
calendario-enlace-atom = Novedades: consultas abiertas, textos finales e informes (Atom)
calendario-ver = Ver el calendario de consultas y suscribirse a sus fechas
papel-titulo = Consulta pública: { $titulo }
papel-como-comentar = Cómo comentar
papel-en-la-web = En internet: lea la propuesta y deje su comentario en { $direccion }
papel-en-papel = En papel, por teléfono o en persona: escriba su comentario en el formulario de la última página, o díctelo, en cualquiera de estas oficinas. Se registra con la fecha en que lo entregó, aunque lo escriban en el sistema días después.
papel-seguimiento = Al registrarlo le darán un código de seguimiento. Con él puede ver en internet, o preguntar por teléfono, si su comentario se publicó y qué respondió el Comité de Simplificación.
papel-propuesta = La propuesta
papel-formulario = Formulario de comentario
papel-formulario-consulta = Consulta: { $titulo }
papel-formulario-nombre = Nombre (opcional; si no lo escribe, se publica como «Anónimo»)
papel-formulario-contacto = Teléfono o correo electrónico para avisarle de la respuesta (opcional; no se publica)
papel-formulario-articulo = Artículo sobre el que comenta (opcional; déjelo en blanco si comenta toda la propuesta)
papel-formulario-comentario = Su comentario
papel-formulario-uso-oficina = Para uso de la oficina
papel-formulario-recibido = Fecha de recepción, oficina y código de seguimiento
datos-encuesta-le-sirve = ¿Le sirve este archivo?
datos-encuesta-falta = ¿Qué le falta, o qué otros datos necesita? (opcional)
datos-encuesta-falta-ayuda = Si escribe algo, el Comité lo lee antes de publicarlo en la página de opiniones y lo responde; le daremos un código para seguirlo.
datos-encuesta-enviar = Enviar respuesta
datos-encuesta-gracias = Gracias: su respuesta ya cuenta en las cifras de este archivo.
datos-encuesta-cifras = { $n ->
    [one] 1 persona respondió
   *[other] { $n } personas respondieron
}; { $utiles ->
    [0] a ninguna le sirve
    [one] a 1 le sirve
   *[other] a { $utiles } les sirve
}
datos-encuesta-abrir = ¿Le sirve este archivo? Díganos

## Registro de transparencia (issue 38)
base-como-comprobarlo = Cómo comprobarlo.
transparencia-titulo = Compruebe que su comentario está en el registro
transparencia-entrada = Cada comentario, opinión y decisión queda anotado en un registro público que solo puede crecer. Cada cierto tiempo el Ministerio publica un resumen firmado de todo el registro, llamado encabezado. Con el comprobante de su comentario, cualquier persona puede confirmar, sin pedir permiso a nadie, que el comentario está en el registro tal como lo envió y que nadie lo borró después.
transparencia-que-comprobar = Qué puede comprobar
transparencia-comprobar-comentario = Que su comentario está en el registro y con el texto que usted escribió: el comprobante lleva la prueba.
transparencia-comprobar-crecimiento = Que el registro solo creció: cada encabezado contiene a todos los anteriores, y cualquiera puede pedir la prueba de que así es. Si alguien borrara o cambiara anotaciones, los encabezados ya publicados lo delatarían.
transparencia-comprobar-fecha = Cuándo existía cada encabezado: una autoridad de sellado de tiempo independiente del Ministerio firma cada uno con la fecha y la hora.
transparencia-comprobar-fecha-sin-autoridad = Este servicio todavía no envía los encabezados a una autoridad de sellado de tiempo independiente; la fecha de cada encabezado la firma solo el Ministerio.
transparencia-como = Cómo comprobar un comprobante
transparencia-paso-descargar-html = Abra la <a href="/seguimiento">página de seguimiento</a> de su comentario con su código y pulse «Descargar comprobante». El comprobante no lleva su nombre, su correo ni su dirección.
transparencia-paso-texto = Guarde en un archivo de texto el comentario exacto que envió.
transparencia-paso-programa = Compruébelo con el programa tramites, sin conexión a internet. Dice «Comprobante válido» o qué parte no coincide:
transparencia-paso-propio = O con su propio programa: el método es público (un árbol de Merkle según la norma RFC 9162 y firmas Ed25519) y está descrito paso a paso en la documentación del proyecto.
transparencia-clave = Clave pública del Ministerio
transparencia-clave-explica = Los encabezados se firman con esta clave. Compárela con la que el Ministerio publica por otros medios: si coinciden, nadie más pudo firmar los encabezados.
transparencia-encabezados = Últimos encabezados publicados
transparencia-encabezados-explica = { $n ->
    [one] Se publica uno nuevo como mucho cada minuto cuando el registro creció, y siempre que se congela un informe.
   *[other] Se publica uno nuevo como mucho cada { $n } minutos cuando el registro creció, y siempre que se congela un informe.
}
transparencia-esperan-sello = { $n ->
    [one] Un encabezado espera el sello de la autoridad de tiempo; se pide de nuevo automáticamente.
   *[other] { $n } encabezados esperan el sello de la autoridad de tiempo; se piden de nuevo automáticamente.
}
transparencia-sin-encabezados = Todavía no se ha publicado ningún encabezado.
transparencia-col-entradas = Entradas
transparencia-col-raiz = Raíz del árbol
transparencia-col-firmado = Firmado
transparencia-col-sello = Sello de tiempo
transparencia-sellado = Sellado (descargar)
transparencia-sello-en-espera = En espera
transparencia-sin-autoridad = Sin autoridad configurada
transparencia-programadores = Para programadores
transparencia-programadores-explica = Todos los encabezados, la clave y las pruebas de inclusión y de consistencia están en la API, en JSON.
comprobante-pendiente-titulo = El comprobante todavía no está listo
comprobante-pendiente-explica = { $n ->
    [one] Su comentario ya está en el registro. El comprobante estará listo cuando se publique el próximo encabezado, como mucho en un minuto. Vuelva a intentarlo entonces.
   *[other] Su comentario ya está en el registro. El comprobante estará listo cuando se publique el próximo encabezado, como mucho en { $n } minutos. Vuelva a intentarlo entonces.
}
comprobante-pendiente-volver = Volver al seguimiento
comprobante-que-es = Qué es el comprobante
seguimiento-comprobante = Comprobante
seguimiento-descargar-comprobante = Descargar comprobante
seguimiento-comprobante-explica-html = Con el comprobante y el texto que escribió, cualquiera puede comprobar que su comentario está en el registro público tal como lo envió. <a href="/transparencia">Cómo comprobarlo</a>.
seguimiento-comprobante-pendiente-html = El comprobante estará listo cuando se publique el próximo encabezado del registro público. <a href="/transparencia">Qué es y cómo comprobarlo</a>.
transparencia-orden = tramites audit verify-receipt comprobante.json --text texto.txt
apoyo-comprobante-explica-html = El comprobante prueba que su firma está en el registro público; no lleva su nombre ni su correo. <a href="/transparencia">Cómo comprobarlo</a>.
