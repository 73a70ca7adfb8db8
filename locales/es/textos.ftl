
## src/pdf/reports/mod.rs

pdf-informe-informe-cuatrimestral-rendicion-cuentas = Informe cuatrimestral de rendición de cuentas { $v1 }
pdf-informe-ministerio-trabajo-prevision-social = Ministerio de Trabajo y Previsión Social · Comité de Simplificación de Trámites. Periodo { $v1 }: { $v2 } ({ $v3 } al { $v4 }).
pdf-informe-informe-cerrado-no-cambia = Informe cerrado el { $v1 }. No cambia más. Su huella digital, un código calculado de sus cifras que cambiaría si cambiara una sola (SHA-256 del archivo JSON), es { $hash } y está anotada en el registro público de cambios.
pdf-informe-periodo-curso-cifras = Periodo en curso: cifras al { $v1 }.
pdf-informe-consultas-realizadas-comentarios-recibidos = Consultas realizadas: { $v1 }. Comentarios recibidos: { $v2 }; publicados: { $v3 }; retenidos: { $v4 }; respondidos: { $v5 }.
pdf-informe-tramites-lanzados-periodo-ahorran = Los trámites lanzados en el periodo ahorran cada año { $v1 } horas y { $v2 } a las personas, con { $v3 } requisitos menos ({ $v4 } de ellos en poder del Estado, Decreto 5-2021).
pdf-informe-medidos-raya-negra-marca = Medidos el { $v1 }. La raya negra marca la meta.
pdf-informe-servicios-linea-meta = Servicios { $v1 } en línea (meta { $v2 } % en { $v3 })
pdf-informe-tramites-etapa-vencida = Trámites con la etapa vencida: { $v1 }.
pdf-informe-informe-cuatrimestral-rendicion-cuentas-2 = Informe cuatrimestral de rendición de cuentas
pdf-informe-tramites-etapa = Trámites por etapa
pdf-informe-etapa = Etapa
pdf-informe-inicio = Al inicio
pdf-informe-final = Al final
pdf-informe-transiciones-aplicadas-periodo = Transiciones aplicadas en el periodo
pdf-informe-ninguna = Ninguna.
pdf-informe-transicion = Transición
pdf-informe-veces = Veces
pdf-informe-tramites-lanzados = Trámites lanzados
pdf-informe-tramites-eliminados = Trámites eliminados
pdf-informe-ninguno-periodo = Ninguno en el periodo.
pdf-informe-codigo = Código
pdf-informe-tramite = Trámite
pdf-informe-fecha = Fecha
pdf-informe-consultas-publicas = Consultas públicas
pdf-informe-consulta = Consulta
pdf-informe-recibidos = Recibidos
pdf-informe-publicados = Publicados
pdf-informe-retenidos = Retenidos
pdf-informe-respondidos = Respondidos
pdf-informe-ahorros-logrados = Ahorros logrados
pdf-informe-horas-ano = Horas al año
pdf-informe-quetzales-ano = Quetzales al año
pdf-informe-requisitos-menos = Requisitos menos
pdf-informe-visitas-menos = Visitas menos
pdf-informe-indicadores-frente-metas = Indicadores frente a las metas
pdf-informe-etapas-vencidas = Etapas vencidas
pdf-informe-vencio = Venció
pdf-informe-dias = Días

## src/pdf/reports/usage.rs

pdf-uso-informe-uso = Informe de uso { $v1 } ({ $v2 } a { $v3 })
pdf-uso-informe-uso-2 = Informe de uso: { $v1 } { $v2 }
pdf-uso-evaluacion-aceptacion-uso-canal = Evaluación de la aceptación, de { $v1 } a { $v2 }. Uso por canal mes a mes, encuesta a las personas usuarias y carga antes y después de la simplificación.
pdf-uso-generado = Generado el { $v1 }.
pdf-uso-linea = { $v1 } ({ $v2 } en línea)
pdf-uso-lanzado-antes-despues = Lanzado en { $l }. Antes: { $v1 }. Después: { $v2 }.
pdf-uso-respuestas-satisfaccion-media-5 = Respuestas: { $v1 }. Satisfacción media: { $v2 } de 5. Facilidad media: { $v3 } de 5. Pudieron terminarlo en línea: { $v4 }.
pdf-uso-antes-analisis-ahora-ahorro = Antes del análisis: { $v1 }. Ahora: { $v2 }. Ahorro: { $v3 } horas y { $v4 } al año, { $v5 } requisitos menos, { $v6 } visitas menos.
pdf-uso-ahora = Ahora: { $v1 }.
pdf-uso-tramites-realizados-canal = Trámites realizados por canal
pdf-uso-total = Total
pdf-uso-mes = Mes
pdf-uso-linea-2 = En línea
pdf-uso-presencial = Presencial
pdf-uso-otros = Otros
pdf-uso-linea-3 = En línea (%)
pdf-uso-linea-antes-despues-lanzamiento = En línea antes y después del lanzamiento
pdf-uso-tramite-aun-no-ha = El trámite aún no se ha lanzado.
pdf-uso-encuesta-personas-usuarias = Encuesta a las personas usuarias
pdf-uso-puntuacion = Puntuación
pdf-uso-satisfaccion = Satisfacción
pdf-uso-facilidad = Facilidad
pdf-uso-carga-antes-despues = Carga antes y después
pdf-uso-comentarios-publicados = Comentarios publicados
pdf-uso-ninguno = Ninguno.

## src/pdf/reports/consultation.rs

pdf-consulta-informe-consulta = Informe de la consulta «{ $v1 }»
pdf-consulta-comite-tardo-promedio-dias = El Comité tardó en promedio { $v1 } días en responder (el texto que más esperó: { $v2 } días).
pdf-consulta-enviado-personas = { $n ->
    [one] 1 persona
   *[other] Enviado por { $n } personas
}
pdf-consulta-respuesta-comite = Respuesta del Comité ({ $v1 })
pdf-consulta-recibio-hizo-comite-cada = Qué se recibió y qué hizo el Comité con cada texto.
pdf-consulta-comentarios-recibidos = Comentarios recibidos
pdf-consulta-textos-distintos = Textos distintos
pdf-consulta-textos-enviados-varias-personas = Textos enviados por varias personas
pdf-consulta-comentarios-esas-campanas = Comentarios en esas campañas
pdf-consulta-publicados = Publicados
pdf-consulta-retenidos = Retenidos
pdf-consulta-publicados-respuesta = Publicados con respuesta
pdf-consulta-cifra = Cifra
pdf-consulta-comentarios = Comentarios
pdf-consulta-retenidos-motivo = Retenidos, por motivo
pdf-consulta-motivo = Motivo
pdf-consulta-resultado-comentarios-publicados = Resultado de los comentarios publicados
pdf-consulta-resultado = Resultado
pdf-consulta-cada-texto-publicado-respuesta = Cada texto publicado y su respuesta
pdf-consulta-no-publico-ningun-comentario = No se publicó ningún comentario.
pdf-consulta-sin-respuesta = Sin respuesta.

## src/usecases/consultation_report.rs

datos-dias-para-responder = días para responder

## src/usecases/reports/figures.rs

datos-servicios-linea-meta = Servicios { $v1 } en línea, meta { $v2 }
datos-informe-cuatrimestral = Informe cuatrimestral { $v1 }
datos-periodo = Periodo
datos-inicio = al inicio
datos-final = al final
datos-horas-ano = horas al año
datos-quetzales-ano = quetzales al año
datos-visitas-eliminadas = visitas eliminadas
datos-dias-ahorrados = días ahorrados
datos-meta = meta (%)
datos-medido = medido (%)
datos-tramites = trámites
datos-dias-atraso = días de atraso
datos-cifras = Cifras
datos-congelado = congelado

## src/http/subscriptions.rs

texto-le-enviamos-enlace-para = Le enviamos un enlace para confirmar la suscripción.
texto-suscripcion-confirmada-le-avisaremos = Suscripción confirmada: le avisaremos cuando se abra una consulta.
texto-listo-no-recibira-mas = Listo: no recibirá más avisos de este trámite.

## src/sheets/mod.rs

texto-valor-no-valido = Valor no válido
texto-elija-valor-lista = Elija un valor de la lista.
texto-solicitud-constancia-laboral = Solicitud de constancia laboral
texto-constancia-relacion-laboral-para = Constancia de relación laboral para trámites bancarios.
texto-direccion-general-trabajo = Dirección General de Trabajo
texto-codigo-trabajo-articulo-1 = Código de Trabajo, artículo 1
texto-solicitud-firmada-copia-dpi = Solicitud firmada; *Copia del DPI

## src/sheets/guard.rs

texto-repeticion-no-valida = repetición «{ $text }» no válida
pdf-pie-pagina = { $titulo } · página { $pagina } de { $paginas }
datos-curso = en curso
datos-eliminados-poder-estado = eliminados en poder del Estado
datos-fecha-respuesta = fecha de respuesta
datos-requisitos-eliminados = requisitos eliminados
datos-parte-recibidos = parte de los recibidos (%)
datos-firmas-me-sumo = firmas me sumo
datos-argumentos-distintos = argumentos distintos
datos-umbral-similitud = umbral de similitud (Jaccard, 5 palabras, MinHash)
datos-campana-mayor = campaña mayor
datos-campanas-mayores = campañas mayores (comentarios y parte de los recibidos)

## Línea de órdenes (lo que lee una persona en la terminal)

cli-agrupando = agrupando textos
cli-importar-errores = { $n ->
    [one] 1 error: no se escribió nada.
   *[other] { $n } errores: no se escribió nada.
}
cli-columna-ignorada = columna ignorada: { $columna }
cli-importar-resultado = { $aplicado ->
    [si] Aplicado
   *[no] Revisión (nada escrito; use --commit para aplicar)
}: { $nuevos } nuevos, { $cambiados } con cambios, { $iguales } sin cambios.
cli-primer-inicio = Primer inicio: se creó el usuario `admin` / first start: user `admin`
cli-contrasena = Contraseña / password: { $contrasena }
cli-guardela = Guárdela ahora; no se volverá a mostrar. Save it now.
cli-demo = Demo: { $anadidos } trámites añadidos, { $existian } ya existían.
cli-demo-usuario = usuario { $usuario } rol { $rol } contraseña { $contrasena }
cli-demo-existentes = usuarios ya existentes (sin cambios): { $usuarios }
cli-respaldando = copiando la base de datos
cli-respaldo-escrito = Copia de seguridad escrita en { $archivo }: cadena de auditoría de { $entradas } entradas (cabeza { $cabeza }), { $comentarios } comentarios, { $bytes } bytes de datos.
cli-respaldo-clave = La clave de auditoría ({ $clave }) no va en la copia: guárdela aparte, en un lugar seguro.
cli-restaurando = restaurando y verificando
cli-restaurado = Restaurada la copia del { $fecha }: la cadena de auditoría verifica ({ $entradas } entradas, cabeza { $cabeza }) y las { $tablas } tablas tienen las filas que dice el manifiesto.
cli-restaurado-sin-clave = Los sellos no se comprobaron: falta la clave de auditoría de la copia en esta máquina.
cli-restaurado-migrado = { $n } migraciones aplicadas después de restaurar (la copia era de una versión anterior).
cli-restaurado-filas = La tabla { $tabla } tiene { $restauradas } filas; el manifiesto dice { $manifiesto }.
cli-restaurado-cabeza = La cadena restaurada termina en la entrada { $entradas } (cabeza { $cabeza }), no en la del manifiesto.
cli-restaurado-invalida = La cadena de auditoría restaurada NO verifica: primera entrada inválida { $seq }: { $razon }
respaldo-existe = { $archivo } ya existe: elija otro nombre para la copia de seguridad.
respaldo-no-es = { $archivo } no es una copia de seguridad de tramites
respaldo-otro-motor = La copia es de { $copia } y la base de destino es { $destino }: se restaura en el mismo motor del que salió.
respaldo-mas-nuevo = La copia tiene el esquema { $version }, más nuevo que el de este programa: restáurela con la versión de tramites que la hizo o una posterior.
respaldo-destino-no-vacio = La base de datos de destino no está vacía ({ $tablas } tablas): restore solo escribe en una base vacía.
respaldo-danado = { $archivo } está dañado: los datos no coinciden con la suma del manifiesto.

## Participatory drafts in the report
pdf-consulta-por-articulo = Comentarios por artículo
pdf-consulta-articulo = Artículo
pdf-consulta-redacciones = Redacciones propuestas
pdf-consulta-aceptados = Aceptados (en todo o en parte)
pdf-consulta-texto-final = En el texto final
informe-articulo-sin-texto-final = Texto final pendiente
informe-articulo-cambio = { $agregadas ->
    [one] Cambió: 1 palabra agregada
   *[other] Cambió: { $agregadas } palabras agregadas
}, { $quitadas ->
    [one] 1 quitada
   *[other] { $quitadas } quitadas
}
recibo-no-es-comprobante = no es un comprobante de tramites
recibo-valido = Comprobante válido: la entrada { $seq } está en el registro publicado de { $tamano } entradas firmado el { $fecha }{ $texto ->
    [si] , y el texto es el que se envió.
   *[no] . (Sin --text no se comparó el texto.)
}
recibo-falla-encabezado = Comprobante NO válido: la firma del encabezado del registro no es válida con esa clave (el encabezado fue cambiado o no es del Ministerio).
recibo-falla-entrada = Comprobante NO válido: los datos de la entrada no dan su hash (el comprobante fue cambiado).
recibo-falla-inclusion = Comprobante NO válido: la prueba de inclusión no lleva de la entrada a la raíz del encabezado (la prueba o el encabezado fueron cambiados).
recibo-falla-hash-texto = Comprobante NO válido: el hash del texto del comprobante no es el que registró la entrada (el comprobante fue cambiado).
recibo-falla-texto = Comprobante NO válido: el texto dado no es el del comentario (su SHA-256 no coincide con el del comprobante).
