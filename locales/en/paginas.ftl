# English catalog of the public pages (issue 37): see comun.ftl.

aviso-pedir-avisos = Ask for notices
aviso-solo-usamos-para-estos = We only use it for these notices. It is not published.
aviso-correo-electronico = Email
aviso-puede-dejar-recibir-avisos = . You can stop the notices with one click from any message.
aviso-le-escribiremos-cuando-abra = We will write to you when a public consultation opens on
aviso-reciba-aviso-cuando-consulte = Get a notice when a change is put to consultation
aviso-revise-formulario = Check the form
aviso-volver = Back to
aviso-si-direccion-correcta-le = If the address is right, we have sent you a link to confirm the notices. We will send nothing else until you open it.
aviso-revise-correo = Check your email
aviso-avisos-consultas = Consultation notices:
base-cada-cambio-queda-registrado = Every change is written in a public record: each entry carries the seal of the one before, so nobody can delete or alter one without it showing, and anyone can check it.
base-siga-comentario = Follow your comment
base-envienos-opinion = Send us your opinion
base-ministerio-trabajo-prevision-social = Ministry of Labour and Social Welfare of Guatemala · e-Government Programme 2021-2026.
base-seguimiento = Tracking
base-consultas = Consultations
base-tramites-ministerio-trabajo-simplificacion-html = Procedures of the Ministry of Labour<span>Simplification and citizen participation</span>
base-tramites-mintrab = · MINTRAB Procedures
base-principal = Main
consulta-ver-mas-comentarios = See more comments
consulta-todavia-no-hay-comentarios = No comments have been published yet.
consulta-comentarios = Comments
consulta-enviar-comentario = Send comment
consulta-organizacion-opcional = Organisation (optional)
consulta-publica-junto-comentario-si = Published with the comment. If you leave it empty, it shows as «Anonymous».
consulta-hasta-10-000-caracteres = Up to 10,000 characters. Say what you think of the proposal and why.
consulta-comentario = Your comment
consulta-comite-simplificacion-lee-cada = The Simplification Committee reads every comment and answers the published ones before going ahead. We do not publish your email.
consulta-deje-comentario = Leave your comment
consulta-propuesta = The proposal
consulta-informe-consulta-recibio-hizo = Consultation report: what was received and what was done
consulta-tramite-cambia = Procedure it changes:
consulta-informe-sin-respuesta = No answer.
consulta-informe-no-publico-ningun-comentario = No comment was published.
consulta-informe-cada-texto-publicado-respuesta = Each published text and its answer
consulta-informe-resultado-comentarios-publicados = Outcome of the published comments
consulta-informe-retenidos-motivo = Withheld, by reason
consulta-informe-dias = days).
consulta-informe-dias-responder-texto-mas = days to answer (the text that waited longest:
consulta-informe-comite-tardo-promedio = On average the Committee took
consulta-informe-publicados-respuesta = published with an answer
consulta-informe-comentarios = comments)
consulta-informe-textos-enviados-varias-personas = texts sent by several people (
consulta-informe-descargar = · Download as
consulta-informe-volver-consulta = Back to the consultation
consulta-informe-recibio-hizo-comite-cada = What was received and what the Committee did with each text.
consulta-informe-informe-consulta = Report of the consultation «
consulta-informe-informe = Report:
consultas-cerradas = Closed
consultas-proximas = Upcoming
consultas-no-hay-consultas-abiertas = There are no open consultations right now.
consultas-abiertas = Open
consultas-antes-cambiar-tramite-ministerio = Before changing a procedure, the Ministry publishes the proposal for at least a month so that you can give your opinion.
datos-archivos = Files
datos-catalogo-jsonld-dcat-ap-html = <a href="/datos/catalogo.jsonld">catalogo.jsonld</a> (DCAT-AP 3, for portals such as datos.gob.gt with CKAN)
datos-catalogo = Catalogue
datos-nunca-incluyen-correos-direcciones = They never include emails, addresses or texts withheld by moderation.
datos-privacidad = Privacy
datos-continua-cada-archivo-refleja = Continuous: each file holds the data of the moment it is downloaded.
datos-actualizacion = Updates
datos-creative-commons-atribucion-4 = Creative Commons Attribution 4.0
datos-licencia = Licence
datos-todo-este-sitio-muestra = Everything this site shows, in files anyone may download, reuse and publish, crediting the Ministry of Labour and Social Welfare.
encuesta-ver-informe-uso-este = See this procedure's usage report
encuesta-todavia-nadie-ha-respondido = Nobody has answered yet.
encuesta-resultados-hasta-ahora = Results so far
encuesta-enviar-respuestas = Send answers
encuesta-hasta-2-000-caracteres = Up to 2,000 characters. The Committee reads it before publishing it; do not write personal data.
encuesta-comentario-opcional = Comment (optional)
encuesta-elija-opcion = Choose an option
encuesta-como-hizo = How did you start it?
encuesta-pudo-terminar-tramite-linea = Could you finish it without going to an office?
encuesta-pudo-terminar-ayuda = If you started it online but had to go to an office to finish it, answer «No».
encuesta-5 = ) to 5 (
encuesta-1 = From 1 (
encuesta-gracias-responder-respuesta-ya-html = <strong>Thank you for answering.</strong> Your answer already counts in the results below.
encuesta-sus-respuestas-ayudan-comite = . Your answers help the Simplification Committee know whether the change worked. They are anonymous: we only publish totals and averages.
encuesta-como-le-fue-este = How did this procedure go for you?
encuesta-encuesta = Survey:
indicadores-numero-tramites-cada-etapa = Number of procedures in each stage of the cycle
indicadores-generales-linea = General ones online
indicadores-prioritarios-linea = Priority ones online
indicadores-dia = Day
indicadores-ultimos-dias-medidos = Last days measured
indicadores-grafica-aparece-cuando-haya = The chart appears once at least two days have been measured.
indicadores-linea-azul-continua-servicios = Solid blue line: priority services. Dashed orange line: general services.
indicadores-indicadores-miden-guardan-cada-html = The indicators are measured and kept every day. The whole series is in <a href="/datos/indicadores.csv">indicadores.csv</a>.
indicadores-camino-hacia-metas = On the way to the targets
indicadores-detalle = Detail
indicadores-servicio-este-linea-no = A service being online is not enough: what counts is how many people use it that way. Share of the procedures carried out online in the last twelve months with data.
indicadores-tramites-realizados-linea = Procedures carried out online
indicadores-meta = target
indicadores-meta-aun-no-cumplida = target not met yet
indicadores-meta-cumplida = target met
indicadores-programa-gobierno-electronico-2021 = The e-Government Programme 2021-2026 set out to have every priority service and half of the general ones online in 2024, and every general one in 2026.
indicadores-indicadores-programa = The programme's indicators
informe-dias-atraso = Days late
informe-vencio = Due on
informe-en = % in
informe-de = of
informe-generales = General
informe-prioritarios = Priority
informe-cumplida = Met?
informe-medido = Measured
informe-meta = Target
informe-servicios-linea = Services online
informe-cumplida-2 = (met)
informe-raya-negra-marca-meta = . The black line marks the target; a green bar, a target met.
informe-medidos = Measured on
informe-indicadores-frente-metas = Indicators against the targets
informe-visitas-menos = Fewer visits
informe-requisitos-menos = Fewer requirements
informe-quetzales-ano = Quetzales a year
informe-horas-ano = Hours a year
informe-ellos-poder-estado-decreto = of them held by the State, Decree 5-2021).
informe-requisitos-menos-2 = fewer requirements (
informe-personas = for people, with
informe-tramites-lanzados-periodo-ahorran = The procedures launched in the period save every year
informe-ahorros-logrados = Savings achieved
informe-respondidos = Answered
informe-retenidos = Withheld
informe-publicados = Published
informe-recibidos = Received
informe-respondidos-2 = answered
informe-consultas = consultations
informe-ninguno-periodo = None in the period.
informe-tramites-eliminados = Procedures removed
informe-tramites-lanzados = Procedures launched
informe-veces = Times
informe-transicion = Transition
informe-ninguna = None.
informe-transiciones-aplicadas-periodo = Transitions applied in the period
informe-final = At the end
informe-inicio = At the start
informe-todos-informes = All reports
informe-excel-xlsx = Excel (XLSX)
informe-descargar = Download:
informe-informe-cierra-cuando-termina = ; the report closes when the period ends.
informe-periodo-curso-cifras-html = <strong>Current period.</strong> Figures as of
informe-registrada-bitacora-auditoria = , written in the audit log.
informe-ya-no-cambia-huella = It no longer changes. Its fingerprint (a code computed from its figures that would change if a single figure changed; anyone can recompute it from the JSON file with SHA-256) is
informe-informe-cerrado = Report closed on
informe-hizo-comite-simplificacion-tramites = . What the Procedure Simplification Committee did in the period, with figures anyone can check.
informe-al = to
informe-del = From
informe-informe-cuatrimestral-rendicion-cuentas = Four-monthly accountability report:
informe-informe-cuatrimestral = Four-monthly report
informe-tramites-etapa-barra-clara = Procedures by stage: light bar at the start of the period, dark bar at the end
informe-consultas-periodo = Consultations of the period
informe-ahorro-tramite = Savings by procedure
informe-proporcion-servicios-linea-frente = Share of services online against each target
informe-etapas-vencidas-mas-antiguas = Oldest stages past their time limit
informes-xlsx = XLSX
informes-cuando-termina-periodo-informe-html = When a period ends, its report closes: it is kept as it stood, its fingerprint (a code that would change if a single figure changed) is written in the public record of changes, where nobody can delete it without it showing, and the report no longer changes. Each report can be downloaded as PDF, Excel (XLSX), CSV and JSON; the list of reports is also in the <a href="/datos">open data</a> (<a href="/datos/informes.csv">informes.csv</a>).
informes-cada-cuatro-meses-comite = Every four months, the Procedure Simplification Committee reports on its work: what stage each procedure is in, what changed, which consultations took place, how much was saved and how the programme's targets are going.
inicio-codigo-vea-si-comentario = With your code, see whether your comment was published and what the Committee answered.
inicio-diganos-como-le-fue = Tell us how a service went for you, what data you would like published or what you need for your work.
inicio-inventario-consultas-comentarios-publicados = The inventory, the consultations, the published comments and the indicators, to download and reuse.
inicio-cada-cuatro-meses-etapas = Every four months: stages, consultations, savings achieved and targets, as PDF, Excel, CSV and JSON.
inicio-cuantos-servicios-ya-hacen = How many services are already done online, against the programme's targets.
inicio-pide-cada-tramite-cuanto = What each procedure asks for, what it costs, how long it takes and what stage of simplification it is in.
inicio-mas-este-sitio = More on this site
inicio-todas-consultas = All consultations
inicio-no-hay-consultas-abiertas-html = There are no open consultations right now. <a href="/consultas">See the upcoming and closed ones</a>.
inicio-consultas-abiertas-ahora = Consultations open now
inicio-ministerio-trabajo-revisa-sus = The Ministry of Labour is reviewing its procedures to ask for fewer papers and make them available online. Before each change, you can read the proposal and give your opinion.
inicio-tramites-mas-simples-decididos = Simpler procedures, decided with you
inicio-inicio = Home
opinion-ver-opiniones-anteriores = See earlier opinions
opinion-todavia-no-hay-opiniones = No opinions have been published yet.
opinion-opiniones-publicadas = Published opinions
opinion-enviar-opinion = Send opinion
opinion-publica-junto-opinion-si = Published with your opinion. If you leave it empty, it shows as «Anonymous».
opinion-hasta-10-000-caracteres = Up to 10,000 characters. Do not write other people's personal data.
opinion-elija-tema = Choose a topic
opinion-comite-simplificacion-lee-cada = The Simplification Committee reads every opinion before publishing it and answers it. We do not publish your email.
opinion-cuentenos-como-le-fue = Tell us how a Ministry service went for you, what data you would like us to publish or what you need to find or improve your work.
opinion-diganos-piensa = Tell us what you think
seguimiento-si-dejo-correo-le = If you left your email, we will tell you when it answers.
seguimiento-responde-opiniones-publicadas-pagina = It answers the published opinions on the opinions page.
seguimiento-comite-simplificacion-revisa-cada = The Simplification Committee reviews every opinion before publishing it.
seguimiento-cuando-consulta-cierra-decide = When the consultation closes, it decides the change and explains it on the consultation's page.
seguimiento-responde-comentarios-publicados-textos = It answers the published comments; identical texts get a single answer.
seguimiento-comite-simplificacion-revisa-cada-2 = The Simplification Committee reviews every comment before publishing it.
seguimiento-pasa-despues = What happens next
seguimiento-recibido = Received
seguimiento-guarde-este-codigo-puede-html = <strong>Keep this code.</strong> With it you can come back to this page and see the Committee's answer.
seguimiento-estado = Status of your
seguimiento-codigo-seguimiento = Your tracking code
seguimiento-buscar-ejemplo-c-2026-7k3f = For example: C-2026-7K3F-9Q2M
seguimiento-buscar-codigo-seguimiento = Tracking code
seguimiento-buscar-escriba-codigo-recibio-enviar = Type the code you got when you sent your comment.
seguimiento-buscar-revise-este-bien-escrito = . Check that it is spelled right.
seguimiento-buscar-no-encontramos-ningun-comentario = We found no comment with the code
suscripcion-ir = Go to
tramite-de = From
tramite-a = To
tramite-cambios-etapa-mas-antiguo = Stage changes, oldest first
tramite-aun-no-ha-cambiado = It has not changed stage yet.
tramite-historial = History
tramite-este-tramite-no-ha = This procedure has had no public consultations.
tramite-reciba-aviso-correo-cuando = Get an email when a consultation on this procedure opens
tramite-informe-uso-cuantos-hacen = Usage report: how many do it online and what they think
tramite-cinco-preguntas-anonimas = (five anonymous questions) ·
tramite-cuentenos-como-le-fue = Tell us how it went
tramite-ya-hizo-este-tramite = Have you already done this procedure?
tramite-para-resolver = to resolve.
tramite-dias-menos = fewer days
tramite-dia-menos = day less
tramite-tramite = per procedure.
tramite-visitas-presenciales-menos = fewer visits in person
tramite-visita-presencial-menos = visit in person less
tramite-ellos-poder-estado-decreto = of them held by the State (Decree 5-2021)
tramite-requisitos-menos = fewer requirements
tramite-requisito-menos = requirement less
tramite-personas = for people.
tramite-frente-como-era-cuando = Compared with how it was when its analysis began, this procedure saves every year
tramite-ahorra-simplificacion = What the simplification saves
tramite-tiempo-viajes-pagos-modelo = in time, travel and payments (the calculation adds up the hours each person spends on the procedure and what they spend on each visit and payment).
tramite-personas-les-cuesta = of people's time and costs them
tramite-solicitudes-ano-este-tramite = requests a year, this procedure takes
tramite-con = With
tramite-cuesta-ciudadania-ano = What it costs citizens in a year
tramite-oficina-responsable = Responsible office
tramite-como-hace = How it is done
tramite-visitas-oficina = Visits to an office
tramite-tiempo-respuesta = Response time
tramite-costo = Cost
tramite-este-tramite-no-pide = This procedure asks for no documents.
tramite-etapa-actual = (current stage)
tramite-etapa-actual-2 = Current stage:
tramite-donde-esta-ciclo-simplificacion = Where it is in the simplification cycle
tramites-ver-mas-tramites = See more procedures
tramites-no-hay-tramites-coincidan = No procedure matches the search.
tramites-cada-tramite-ministerio-pide = Every procedure of the Ministry, what it asks for and what stage of simplification it is in.
tramites-que-busca = Which procedure are you looking for?
tramites-pista-busqueda = Write what you want to do or what you need, for example «permiso de trabajo» (work permit) or «constancia» (certificate). Procedures are named in Spanish.
tramites-mas-filtros = More filters
tramites-filtro-prioridad = The Ministry's priority
tramites-filtro-avance = Progress of the simplification
tramites-filtro-todos = All
tramites-categoria-priority = Prioritised for simplification
tramites-categoria-general = The others
tramites-para = For:
tramites-codigo-avance = Code { $codigo } · Simplification: { $etapa }
tramites-ordenados-relevancia = The procedures that best match your search come first.
tramites-ninguno-con = We found no procedures with «{ $palabras }»
tramites-puede = You can:
tramites-sugerencia-palabra = search only «{ $palabra }» ({ $n ->
    [one] 1 procedure
   *[other] { $n } procedures
})
tramites-sugerencia-sin-filtros = search without the filters ({ $n ->
    [one] 1 procedure
   *[other] { $n } procedures
})
tramites-sugerencia-escritura = check how the words were spelled
tramites-sugerencia-otras = use fewer words, or others that say what you want to get (a permit, a certificate, a registration)
tramites-sugerencia-todos = see every procedure
uso-ninguno = None.
uso-carga-antes-despues = Burden before and after
uso-encuesta = Survey
uso-tramite-aun-no-ha = The procedure has not been launched yet.
uso-despues = . After:
uso-antes = . Before:
uso-lanzado = Launched on
uso-linea-antes-despues-lanzamiento = Online before and after the launch
uso-total = Total
uso-linea = Online (%)
uso-linea-2 = % online
uso-tramites = procedures,
uso-tramites-realizados-canal = Procedures carried out by channel
uso-descargar = Download as
uso-ver-este-periodo = See this period
uso-desde-aaaa-mm = From (month)
uso-cuantas-personas-hicieron-cada = : how many people did it through each channel, what they say in the survey and how much it was simplified.
uso-de = , of
uso-evaluacion-aceptacion = Acceptance evaluation of
uso-informe-uso = Usage report:
uso-tramites-realizados-cada-mes = Procedures carried out each month: the whole bar, the total; the dark part, online
uso-uso-canal-mes-mes = Use by channel, month by month
pagina-no-encontrada = We could not find that page
pagina-no-encontrada-detalle = The address may be mistyped, or the page may no longer exist.
pagina-demasiados-envios = Too many submissions in a row
pagina-demasiados-envios-detalle = We received many submissions from your connection in a short time. Try again in { $espera }. If you share the connection (an internet café, an office), other people may have sent before you.
pagina-consulta-cerro = The consultation has closed
pagina-consulta-cerro-detalle = The time to comment is over, so your comment was not saved. You can read the published comments and the Committee's answers.
pagina-consulta-no-abierta = The consultation is not open yet
pagina-consulta-no-abierta-detalle = Comments are not taken yet. Come back when the period opens.
pagina-muchos-comentarios = We are receiving many comments
pagina-muchos-comentarios-detalle = Your comment was not saved. Send it again in { $segundos ->
    [one] { $segundos } second
   *[other] { $segundos } seconds
}: what you wrote is still in the form if you go back with the Back button.
pagina-servicio-no-responde = The service is not answering right now
pagina-servicio-no-responde-detalle = Try again in a few minutes. What you wrote was not saved.
pagina-fallo-nuestro = Something failed on our side
pagina-fallo-nuestro-detalle = It is not your mistake. Try again in a few minutes.
aviso-enlace-no-valido = The link is not valid
aviso-enlace-no-valido-detalle = It may be incomplete: copy the whole address from the message. If you have already stopped the notices, you need do nothing more.
comun-ir-catalogo = Go to the catalogue of procedures
aviso-confirme = Confirm your notices
aviso-confirme-detalle = Press the button to get an email each time a public consultation on this procedure opens.
aviso-confirmar = Confirm notices
aviso-dejar = Stop the notices
aviso-dejar-detalle = Press the button and we will not write to you again about this procedure.
aviso-confirmado = Notices confirmed
aviso-confirmado-detalle = We will write to you when a public consultation on this procedure opens. Every message has a link to stop them.
aviso-baja-lista = Done: you will get no more notices
aviso-baja-lista-detalle = We will not write to you again about this procedure. You can ask for notices again from its page whenever you like.
entrar-otro-sitio = We could not sign you in
entrar-otro-sitio-detalle = The form came from another website. To sign in, open this site's sign-in page and type your user name and password there.
entrar-ir-a-entrada = Go to the sign-in page
entrar-escriba-usuario = Type your user name and password.
entrar-demasiados-intentos = Too many failed attempts. Wait { $n ->
        [one] { $n } minute
       *[other] { $n } minutes
    } before trying again.
pagina-informe-aun-no-esta = The report is not ready yet
pagina-informe-consulta-publica-cuando = A consultation's report is published when its period closes.
pagina-comentario-todavia-no-guardo = Your comment has not been saved yet
pagina-revise-comentario = Check your comment
pagina-recibe-comentarios-hasta = Takes comments until { $v1 }
pagina-abre = Opens on { $v1 }
pagina-cerro = Closed on { $v1 }
pagina-comentario-retenido = Comment withheld on { $at }: { $v1 }.
pagina-recibe-comentarios-desde-hasta = Takes comments from { $v1 } until { $v2 }.
pagina-recibira-comentarios-desde-hasta = Will take comments from { $v1 } until { $v2 }.
pagina-recibio-comentarios-hasta = Took comments until { $v1 }.
pagina-abierta = Open
pagina-proximamente = Coming soon
pagina-cerrada = Closed
pagina-horas-ano-requisitos-visitas = { $v1 } hours and { $v2 } a year; { $v3 } fewer requirements and { $v4 } fewer visits
pagina-esta-encuesta-no-esta = This survey is not open
pagina-cada-tramite-tiene-encuesta = Each procedure has its survey once it is launched. This one has not been launched yet or does not exist.
pagina-ver-catalogo-tramites = See the catalogue of procedures
pagina-cuando-empezo-analisis = When its analysis began
pagina-ahora = Now
pagina-ahorro = Saving
pagina-opinion-retenida = Opinion withheld on { $at }: { $v1 }.
pagina-servicios-categoria-linea = «{ $v1 }» services online: { $anio } target
indicadores-de-total = { $n } of { $total }
pagina-meta = target { $v1 } %, { $v2 }
pagina-servicios = { $v1 } services
pagina-tramites-realizados = { $v1 } of { $v2 } procedures carried out, from { $f } to { $t }
pagina-sin-datos-uso-todavia = no usage data yet
pagina-direccion-contiene-caracteres-no = the address contains characters that are not allowed
pagina-formulario-caduco-envielo-nuevo = the form expired; send it again
pagina-tramites-linea = { $v1 } % of the procedures online
pagina-satisfaccion-5-respuestas = satisfaction { $v1 } out of 5 ({ $n } answers)
pagina-sin-datos-uso = no usage data
pagina-sin-respuestas-encuesta = no survey answers
seguimiento-comentario = comment
seguimiento-opinion = opinion
seguimiento-publicado = Published
seguimiento-retenido = Withheld
seguimiento-publicada = Published
seguimiento-retenida = Withheld
seguimiento-recibida = Received
seguimiento-comentario-respondido = Your comment is published and the Committee has answered.
seguimiento-comentario-publicado = Your comment is published. The Committee will answer every published comment before going ahead with the change.
seguimiento-comentario-publicado-abierta = Your comment is published. The Committee will answer every published comment before going ahead with the change; the consultation closes on { $cierre }.
seguimiento-comentario-retenido = Your comment was not published: { $motivo }. You can send another while the consultation is open.
seguimiento-comentario-recibido = We received your comment. The Committee reviews it before publishing it; then it will answer it. The consultation { $abierta ->
    [si] closes
   *[no] closed
} on { $cierre }.
seguimiento-opinion-respondida = Your opinion is published and the Committee has answered.
seguimiento-opinion-publicada = Your opinion is published on the opinions page. The Committee will answer it there.
seguimiento-opinion-retenida = Your opinion was not published: { $motivo }. You can send another whenever you like.
seguimiento-opinion-recibida = We received your opinion. The Committee reviews it before publishing it; then it will answer it.
datos-tramites-csv-titulo = Inventory of procedures (CSV)
datos-tramites-csv-descripcion = Each procedure with its requirements, cost, time, channel, stage of the cycle, yearly burden and savings since its baseline. The same columns the system imports.
datos-tramites-xlsx-titulo = Inventory of procedures (XLSX)
datos-tramites-xlsx-descripcion = The same inventory as a spreadsheet.
datos-tramites-json-titulo = Inventory of procedures (JSON)
datos-tramites-json-descripcion = The same inventory as the API gives it.
datos-tramites-jsonld-titulo = Inventory of procedures (CPSV-AP 3.2)
datos-tramites-jsonld-descripcion = Each procedure as a public service (cpsv:PublicService) in JSON-LD.
datos-consultas-csv-titulo = Public consultations
datos-consultas-csv-descripcion = Each consultation with its period and its figures: received, distinct texts, published, withheld, answered.
datos-comentarios-csv-titulo = Published comments
datos-comentarios-csv-descripcion = The published comments with how many people sent the same text, the article commented on, whether they propose other wording, and the Committee's answer with the articles it changed. Never emails or withheld texts.
datos-textos-json-titulo = Consulted and final texts
datos-textos-json-descripcion = Each consultation's draft and its final text, article by article, with the SHA-256 fingerprint of each and what changed in each article.
datos-historial-csv-titulo = History of stages
datos-historial-csv-descripcion = Each step applied to each procedure: from which stage to which, and when.
datos-indicadores-csv-titulo = The programme's indicators
datos-indicadores-csv-descripcion = The daily series: the share of services online by category beside the 2024 and 2026 targets, stages past their time limit and procedures by stage.
datos-informes-csv-titulo = Accountability reports
datos-informes-csv-descripcion = Each four-monthly report with its status, the SHA-256 fingerprint of the closed ones and their PDF and JSON links.
datos-catalogo-jsonld-titulo = DCAT-AP 3 catalogue
datos-catalogo-jsonld-descripcion = The description of all these files for open data portals (CKAN).
datos-ministerio-unidad = Ministry of Labour and Social Welfare — { $unidad }
datos-ministerio = Ministry of Labour and Social Welfare of Guatemala
datos-catalogo-titulo = Open data on the procedures of the Ministry of Labour
datos-catalogo-descripcion = Inventory of procedures, public consultations, published comments, history and indicators of the simplification programme.
pagina-correo-valido = type a valid email address, such as name@example.com
pagina-fallo-render = Something failed on our side. Try again in a few minutes.
borrador-articulo = Article { $numero }
borrador-articulo-titulo = Article { $numero }. { $titulo }
borrador-comentarios-publicados = { $n ->
    [0] No published comments
    [one] 1 published comment
   *[other] { $n } published comments
}
borrador-comentar-articulo = Comment on this article
borrador-cambio-unchanged = Unchanged
borrador-cambio-changed = Changed
borrador-cambio-added = New article
borrador-cambio-removed = Removed
borrador-texto-quitado = Text removed:
borrador-texto-agregado = Text added:
borrador-fin-cambio = End of the change.
borrador-comentario-n = Comment { $n }
borrador-resumen-cambios = { $cambiados ->
    [0] No article changed
    [one] 1 article changed
   *[other] { $cambiados } articles changed
}, { $nuevos ->
    [0] none is new
    [one] 1 is new
   *[other] { $nuevos } are new
}, { $quitados ->
    [0] none was removed
    [one] 1 was removed
   *[other] { $quitados } were removed
} and { $sin ->
    [0] none stayed the same
    [one] 1 stayed the same
   *[other] { $sin } stayed the same
}.
borrador-texto-final = Final text
borrador-texto-final-de = Final text of «{ $titulo }»
borrador-publicado-el = Published by the Committee on { $fecha }.
borrador-huella = Fingerprint of the text (SHA-256: a code that changes if a single letter changes, to check that the text was not altered):
borrador-nota-comite = The Committee's note:
borrador-comentarios-detras = Comments that led to this change:
borrador-volver-consulta = Back to the consultation
borrador-ver-texto-final = See the final text and what the comments changed
borrador-como-leer = What was added is underlined and what was removed, struck through.
borrador-comentarios-sobre = Comments on article { $numero }
borrador-ver-todos = See every comment
borrador-sobre-articulo = On
borrador-propone-redaccion = Proposes this wording:
borrador-primera-ronda = This consultation is a second round of
borrador-segunda-ronda = This proposal had a second round:
borrador-campo-articulo = Article you comment on (optional)
borrador-todo-borrador = The whole draft
borrador-campo-propuesta = Your wording of the article (optional)
borrador-ayuda-propuesta = Write how you would word the chosen article; we publish it with your comment, the differences marked.
informe-cambiado-por-comentarios = Comments that changed it
cifra-recibidos = received
cifra-publicados = published
cifra-retenidos = withheld
cifra-en-revision = under review
consulta-ir-a-comentar = Leave a comment
consulta-quedan-dias = { $n ->
    [0] Today is the last day to comment.
    [one] 1 day left to comment, besides today.
   *[other] { $n } days left to comment, besides today.
}
encuesta-revise-respuestas = Check your answers
opinion-revise-opinion = Check your opinion
encuesta-pregunta-satisfaccion = How satisfied were you?
encuesta-satisfaccion-baja = not at all satisfied
encuesta-satisfaccion-alta = very satisfied
encuesta-pregunta-facilidad = How easy was it to do?
encuesta-facilidad-baja = very hard
encuesta-facilidad-alta = very easy
indicadores-barra-descripcion = { $porcentaje } % online; { $meta }
indicadores-grafico-descripcion = Share of services online from { $desde } to { $hasta } ({ $dias } days measured): solid blue line, priority; dashed orange line, general; grey lines, the 50 % and 100 % targets
consulta-no-se-guardo = Your comment was not saved
consulta-su-texto-conservar = The text you wrote, for you to keep
consulta-ver-consultas-abiertas = See the open consultations
consulta-enviar-como-opinion = Send it as a general opinion
seguimiento-enviado-comentario = Comment sent
seguimiento-enviado-opinion = Opinion sent
seguimiento-copia-correo = We have sent this code to the email address you gave.
seguimiento-imprimir = Print this page
seguimiento-sobre = On
seguimiento-articulo = Article { $numero }
seguimiento-lo-que-envio = What you sent
seguimiento-puede-enviar-otro = While the consultation is open, you can send a new comment from its page.
seguimiento-puede-enviar-otra = You can send another opinion whenever you like.
tramite-como-hacerlo = How to do the procedure
tramite-hacer-en-linea = Do the procedure online
tramite-en-oficinas = { $n ->
        [one] At the office
       *[other] At the offices
    }
tramite-horario = Opening hours:
tramite-consultas = For questions:
tramite-llame = call { $numero }
tramite-whatsapp = write on WhatsApp to { $numero }
tramite-sin-datos-acceso = The Ministry has not yet published here where and when it handles this procedure. Ask at the { $unidad }.
tramite-que-llevar = What to bring today
tramite-aun-se-pide-estado-tiene = (still asked for today although the State already holds it: the Committee is working to stop asking for it)
tramite-ya-no-se-pide = No longer asked for:
tramite-eliminado = (removed)
tramite-dias-n = { $n ->
        [one] { $n } day
       *[other] { $n } days
    }
tramite-ciclo-explica = The Simplification Committee reviews each procedure to ask for fewer papers and visits. These are its stages.
tramite-codigo-inventario = Code in the inventory: { $codigo }
consulta-que-se-decidio = What was decided
consulta-resultado-cifras = The consultation received { $recibidos } comments; the Committee published { $publicados } and answered { $respondidos }.
consulta-texto-final-publicado = The Committee published the final text, with each change and the comments behind it.
consulta-texto-final-pendiente = The Committee has not published the final text yet: it first answers the published comments.
consulta-avisame-cuando-abra = Email me when it opens
apoyo-titulo = Add your name to a comment
apoyo-registrado = You added your name to this comment
apoyo-cuenta-como-firma = Your name counts as one more signature of this comment: the Committee reads it once and knows how many people support it. There is no need to copy it.
apoyo-revise = Check the details to add your name
apoyo-el-comentario = The comment
apoyo-volver = Back to the consultation
apoyo-me-sumo = I agree
apoyo-sumarse-ayuda = Do you think the same? Add your name instead of copying the text.
apoyo-se-sumaron = { $n ->
    [one] 1 person added their name
   *[other] { $n } people added their names
}
campana-enviado-por = { $n ->
    [one] This text was sent by 1 person
   *[other] This text, with minor variations, was sent by { $n } people
}
campana-leer-variantes = Read the variants
campana-variantes-titulo = Variants of a text sent by several people
campana-variantes-entrada = These people sent the same argument with small differences. The words that differ from the first text received are marked.
campana-variante-veces = { $n ->
    [one] sent once
   *[other] sent { $n } times
}
campana-texto-representativo = First text received
informe-campanas-titulo = Campaigns: how copies were counted
informe-metodo-campanas = Nearly identical comments count as a single argument (a campaign): texts whose Jaccard similarity over 5-word sequences, with capitals, accents and punctuation evened out, is at least { $umbral }, estimated with MinHash (100 functions) and LSH (20 bands of 5 rows). Texts under 12 words are grouped only when identical.
informe-argumentos-distintos = { $n ->
    [one] distinct argument
   *[other] distinct arguments
}
informe-firmas-me-sumo = { $n ->
    [one] «I agree» signature on published comments
   *[other] «I agree» signatures on published comments
}
informe-campanas-mayores = The ten largest campaigns
informe-campana-texto = Text
informe-campana-comentarios = Comments
informe-campana-parte = Share of those received
informe-campana-firmas = «I agree» signatures
informe-campana-retenida = (text withheld in moderation)
consulta-idiomas-borrador = Languages of the draft
consulta-leer-en = Read in { $idioma }
consulta-original-oficial = Read the Spanish original (the official text)
consulta-leyendo-traduccion = You are reading the { $idioma } translation by { $traductor }. The official text is the Spanish original; where they differ, the original prevails. You may comment in { $idioma }.
feeds-calendario-nombre = Public consultations of the Ministry of Labour and Social Welfare
feeds-calendario-descripcion = Each public consultation on a procedure, from the day it opens to the day it closes.
feeds-evento-titulo = Public consultation: { $titulo }
feeds-evento-descripcion = { $resumen } Read the proposal and comment at { $direccion }
feeds-entrada-abierta = Consultation opened: { $titulo }
feeds-entrada-informe = Consultation report: { $titulo }
feeds-entrada-texto-final = Final text published: { $titulo }
feeds-autor = Procedure Simplification Committee, MINTRAB
calendario-titulo = Calendar of consultations
calendario-entrada = The open and upcoming consultations, by date. Each takes comments for a month.
calendario-ventana = from { $desde } to { $hasta }
calendario-abre-en-dias = { $n ->
    [0] Opens today
    [one] Opens tomorrow
   *[other] Opens in { $n } days
}
calendario-sin-proximas = No consultations are scheduled for now.
calendario-suscribirse = Get the dates in your calendar
calendario-suscribirse-explica = Add these addresses to your calendar program or news reader: they update by themselves when a consultation is scheduled, opens or closes.
calendario-enlace-ics = Calendar of consultations (iCalendar, .ics)
calendario-enlace-atom = News: consultations opened, final texts and reports (Atom)
calendario-ver = See the calendar of consultations and subscribe to its dates
datos-encuesta-le-sirve = Is this file useful to you?
datos-encuesta-falta = What is it missing, or what other data do you need? (optional)
datos-encuesta-falta-ayuda = If you write something, the Committee reads it before publishing it on the opinions page and answers it; we will give you a code to follow it.
datos-encuesta-enviar = Send answer
datos-encuesta-gracias = Thank you: your answer already counts in this file's figures.
datos-encuesta-cifras = { $n ->
    [one] 1 person answered
   *[other] { $n } people answered
}; { $utiles ->
    [0] it is useful to none
    [one] it is useful to 1
   *[other] it is useful to { $utiles }
}
datos-encuesta-abrir = Is this file useful to you? Tell us

## Transparency log (issue 38)
base-como-comprobarlo = How to check it.
transparencia-titulo = Check that your comment is in the log
transparencia-entrada = Every comment, opinion and decision is written into a public log that can only grow. From time to time the Ministry publishes a signed summary of the whole log, called a tree head. With your comment's receipt, anyone can confirm, without asking anyone's permission, that the comment is in the log as you sent it and that nobody removed it afterwards.
transparencia-que-comprobar = What you can check
transparencia-comprobar-comentario = That your comment is in the log, with the text you wrote: the receipt carries the proof.
transparencia-comprobar-crecimiento = That the log only grew: every tree head contains all earlier ones, and anyone can ask for the proof. If someone removed or changed entries, the tree heads already published would give it away.
transparencia-comprobar-fecha = When each tree head existed: a time-stamping authority independent of the Ministry signs each one with the date and time.
transparencia-comprobar-fecha-sin-autoridad = This service does not yet send its tree heads to an independent time-stamping authority; only the Ministry signs each tree head's date.
transparencia-como = How to check a receipt
transparencia-paso-descargar-html = Open your comment's <a href="/seguimiento">tracking page</a> with your code and press "Download receipt". The receipt holds neither your name, your e-mail nor your address.
transparencia-paso-texto = Save the exact comment you sent in a text file.
transparencia-paso-programa = Check it with the tramites program, offline. It says "valid" or which part does not match:
transparencia-paso-propio = Or with your own program: the method is public (a Merkle tree as RFC 9162 defines it, and Ed25519 signatures) and described step by step in the project's documentation.
transparencia-clave = The Ministry's public key
transparencia-clave-explica = Tree heads are signed with this key. Compare it with the one the Ministry publishes elsewhere: if they match, nobody else could have signed the tree heads.
transparencia-encabezados = Latest tree heads
transparencia-encabezados-explica = { $n ->
    [one] A new one is published at most every minute when the log grew, and whenever a report is frozen.
   *[other] A new one is published at most every { $n } minutes when the log grew, and whenever a report is frozen.
}
transparencia-esperan-sello = { $n ->
    [one] One tree head waits for the time-stamping authority; it is asked again automatically.
   *[other] { $n } tree heads wait for the time-stamping authority; they are asked again automatically.
}
transparencia-sin-encabezados = No tree head has been published yet.
transparencia-col-entradas = Entries
transparencia-col-raiz = Tree root
transparencia-col-firmado = Signed
transparencia-col-sello = Time stamp
transparencia-sellado = Stamped (download)
transparencia-sello-en-espera = Waiting
transparencia-sin-autoridad = No authority set up
transparencia-programadores = For programmers
transparencia-programadores-explica = Every tree head, the key, and the inclusion and consistency proofs are in the API, as JSON.
comprobante-pendiente-titulo = The receipt is not ready yet
comprobante-pendiente-explica = { $n ->
    [one] Your comment is already in the log. The receipt will be ready when the next tree head is published, within a minute. Try again then.
   *[other] Your comment is already in the log. The receipt will be ready when the next tree head is published, within { $n } minutes. Try again then.
}
comprobante-pendiente-volver = Back to tracking
comprobante-que-es = What the receipt is
seguimiento-comprobante = Receipt
seguimiento-descargar-comprobante = Download receipt
seguimiento-comprobante-explica-html = With the receipt and the text you wrote, anyone can check that your comment is in the public log as you sent it. <a href="/transparencia">How to check it</a>.
seguimiento-comprobante-pendiente-html = The receipt will be ready when the next tree head of the public log is published. <a href="/transparencia">What it is and how to check it</a>.
transparencia-orden = tramites audit verify-receipt receipt.json --text text.txt
apoyo-comprobante-explica-html = The receipt proves that your signature is in the public log; it holds neither your name nor your e-mail. <a href="/transparencia">How to check it</a>.
