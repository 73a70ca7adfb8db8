# Correos: a la ciudadanía (avisos, respuestas) y al personal (aprobaciones, plazos). Los del
# personal nombran etapas y transiciones con las etiquetas del flujo y enlazan la página de gestión.

correo-firma-comite = Comité de Simplificación de Trámites
correo-firma-ministerio = Ministerio de Trabajo y Previsión Social

correo-aprobacion-asunto = Aprobación pendiente: { $codigo } — { $transicion }
correo-aprobacion-texto = El Comité solicita su aprobación para la transición «{ $transicion }» del trámite { $codigo } ({ $nombre }), de «{ $desde }» a «{ $hacia }».
correo-aprobacion-enlace = Revise y decida las solicitudes pendientes en { $enlace }
correo-decision-asunto = Solicitud { $aprobada ->
    [si] aprobada
   *[no] rechazada
}: { $codigo } — { $transicion }
correo-decision-texto = Su solicitud de transición «{ $transicion }» del trámite { $codigo } ({ $nombre }) fue { $aprobada ->
    [si] aprobada
   *[no] rechazada
}.
correo-decision-nota = Nota: { $nota }
correo-ver-tramite = Vea el trámite en { $enlace }
correo-plazo-vencido-asunto = Plazo vencido: { $codigo }
correo-plazo-vencido-texto = La etapa «{ $etapa }» del trámite { $codigo } ({ $nombre }) venció el { $fecha }.
correo-plazo-proximo-asunto = Plazo próximo: { $codigo }
correo-plazo-proximo-texto = La etapa «{ $etapa }» del trámite { $codigo } ({ $nombre }) vence el { $fecha }.

correo-comentario-recibido-asunto = Recibimos su comentario ({ $codigo })
correo-comentario-recibido-gracias = Gracias por participar en la consulta pública «{ $titulo }».
correo-comentario-recibido-codigo = Su código de seguimiento es { $codigo }. Puede ver el estado de su comentario y la respuesta del Comité en { $enlace }
correo-opinion-recibida-asunto = Recibimos su opinión ({ $codigo })
correo-opinion-recibida-gracias = Gracias por escribir al Ministerio de Trabajo y Previsión Social.
correo-opinion-recibida-codigo = Su código de seguimiento es { $codigo }. El Comité revisa cada opinión antes de publicarla y la responde. Puede ver su estado en { $enlace }
correo-opinion-respondida-asunto = Respuesta a su opinión ({ $codigo })
correo-opinion-respondida-texto = El Comité respondió a su opinión { $codigo }:
correo-comentario-respondido-asunto = Respuesta a su comentario ({ $codigo })
correo-comentario-respondido-texto = El Comité respondió a su comentario { $codigo } en la consulta «{ $titulo }»:
correo-suscripcion-asunto = Confirme su suscripción al trámite { $codigo }
correo-suscripcion-texto = Recibimos una solicitud para avisarle de las consultas públicas del trámite { $codigo } ({ $nombre }).
correo-suscripcion-enlace = Para confirmarla, abra este enlace: { $enlace }
correo-suscripcion-ignore = Si no la pidió, ignore este mensaje: no recibirá nada más.
correo-consulta-abierta-asunto = Consulta pública abierta: { $titulo }
correo-consulta-abierta-texto = Se abrió la consulta pública «{ $titulo }» sobre el trámite { $codigo }. Puede comentar hasta el { $cierre }.
correo-consulta-abierta-enlace = Lea la propuesta y comente en { $enlace }
correo-consulta-abierta-baja = Para no recibir más avisos: { $enlace }
correo-decision-estados = El trámite pasa de «{ $desde }» a «{ $hacia }».
correo-consulta-cierra-asunto = Quedan pocos días para comentar: { $titulo }
correo-consulta-cierra-texto = La consulta pública «{ $titulo }» sobre el trámite { $codigo } cierra el { $cierre }. Si quiere comentar, hágalo antes.
correo-texto-final-asunto = Texto final publicado: { $titulo }
correo-texto-final-texto = El Comité de Simplificación publicó el texto final de la consulta «{ $titulo }» sobre el trámite { $codigo }, con lo que cambió y los comentarios que lo motivaron.
correo-texto-final-enlace = Léalo en { $enlace }
