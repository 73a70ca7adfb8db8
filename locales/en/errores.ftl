# English catalog of the public pages (issue 37): the faults citizens may read. See comun.ftl.

campo-comentario-no-puede-estar-vacio = the comment cannot be empty
campo-comentario-como-maximo = the comment can have at most 10,000 characters
campo-no-direccion-correo-valida = is not a valid email address
campo-debe-ser-fecha-rfc-3339 = must be an RFC 3339 date, e.g. 2026-12-01T08:00:00-06:00
campo-no-puede-estar-pasado = cannot be in the past
campo-diga-si-pudo-terminar-tramite = say whether you could finish the procedure online
campo-elija-canal-uso = choose the channel you used
campo-no-puede-ser-negativo = cannot be negative
campo-debe-ser-numero-entero-desde = must be a whole number from 0
campo-elija-tema-lista = choose a topic from the list
campo-escriba-motivo = write the reason
campo-no-puede-estar-vacio = cannot be empty
campo-debe-tener-entre-1-200 = must have between 1 and 200 visible characters
campo-demasiado-largo = is too long
campo-obligatorio = is required
campo-esta-vacio = is empty
campo-este-formulario-ya-habia-enviado = this form had already been sent with another text, which was saved; if you also want to send this version, send it again
campo-formulario-caduco-revise-texto-envielo = the form expired; check the text and send it again
campo-escriba-numero-como-3-12 = type a number, such as 3 or 12.50
campo-elija-opcion-lista = choose an option from the list
campo-escriba-fecha-como-2026-12 = type the date as 2026-12-31
campo-tipo = { $esperado ->
    [texto] must be a text
    [booleano] must be true or false
    [numero] must be a number
    [lista] must be a list
    [objeto] must be an object
    [opcion] is not one of the accepted options
   *[otro] does not have the expected type
}
campo-desconocido = is not a field of this resource
campo-consulta = the address has an invalid parameter
campo-en-fila = row { $fila }: { $problema }
campo-comentario-no-guardado = we are receiving many comments and yours has not been saved yet: send it again in { $segundos ->
    [one] { $segundos } second
   *[other] { $segundos } seconds
}
campo-una-de = must be one of these values: { $opciones }
campo-del-1-al-5 = { $que ->
    [satisfaction] satisfaction
   *[ease] ease
}: must be a number from 1 to 5
campo-elija-del-1-al-5 = { $que ->
    [satisfaction] satisfaction
   *[ease] ease
}: choose from 1 to 5
campo-como-maximo = can have at most { $max } characters
campo-largo = must have from { $min } to { $max } characters
campo-entero-hasta = must be a whole number from 0 to { $max }
campo-numero-hasta = must be a number from 0 to { $max }
campo-caracter-control = contains a control character that is not allowed ({ $codigo })
campo-propuesta-sin-articulo = a proposed wording goes with the article it replaces: choose the article
campo-articulo-inexistente = the draft has no article { $numero }
campo-comentario-limite = many comments have been sent from your connection: wait { $minutos ->
        [one] { $minutos } minute
       *[other] { $minutos } minutes
    } and send it again; your text is still here
campo-comentario-no-guardado-error = your comment was not saved; send it again
campo-codigo-idioma = must be a three-letter lowercase ISO 639-3 code, e.g. quc
campo-idioma-no-previsto = must be one of the languages provided for: { $idiomas }
campo-fuera-del-plazo = must be within the consultation's period, from { $desde } to { $hasta }
campo-no-puede-estar-futuro = cannot be a future date
campo-debe-ser-fecha-dia = must be a date YYYY-MM-DD, e.g. 2026-12-01
error-validation-failed = Invalid data
error-malformed-json = Malformed JSON
error-unauthorized = Not identified
error-forbidden = Not allowed for your role
error-same-person = Two-person rule
error-guard-failed = Conditions missing
error-not-found = Not found
error-conflict = Conflict
error-version-conflict = Out-of-date version
error-precondition-required = Version missing
error-idempotency-key-reused = Idempotency key already used
error-payload-too-large = Submission too large
error-request-timeout = The submission took too long
error-rate-limited = Too many attempts
error-unavailable = Service unavailable for now
error-internal = Internal error
error-no-se-pudo-completar = It could not be completed
detalle-validation-failed = { $n ->
    [one] There is one thing to correct.
   *[other] There are { $n } things to correct.
}
detalle-idempotency-key-reused = This idempotency key was already used for another submission: the first one counts, and this one was not saved.
detalle-payload-too-large = The submission is over the limit of { $max } bytes.
detalle-request-timeout = The submission did not arrive complete within { $segundos ->
    [one] { $segundos } second
   *[other] { $segundos } seconds
}.
detalle-unavailable = The database is not answering right now. Try again in a few minutes.
detalle-internal = Something failed on our side. It is not your mistake; try again in a few minutes.
detalle-ocupado = The system is busy saving other changes; try again in { $segundos ->
    [one] { $segundos } second
   *[other] { $segundos } seconds
}.
detalle-csrf = The form does not carry its security key, or it is not the right one.
detalle-muchas-consultas-codigos = Too many code look-ups from this address; try again in a moment.
detalle-muchos-envios = Too many submissions from this address; try again later.
detalle-muchos-comentarios = The service is receiving many comments; try in a moment.
detalle-muchas-descargas = Many downloads of comments are under way; try again in a moment.
conflicto-consultation-not-open = The consultation is not open yet.
conflicto-consultation-closed = The consultation has closed.
conflicto-comment-not-published = You can only add your name to a published comment.
conflicto-already-endorsed = You already added your name to this comment from this connection; you can do it again in an hour.
conflicto-consultation-not-closed = The report is available when the consultation closes.
conflicto-texto-final-antes-del-cierre = The final text is published when the consultation closes.
conflicto-survey-not-open = The survey opens when the procedure is launched.
inexistente = What you are looking for does not exist.
inexistente-tramite = That procedure does not exist.
inexistente-consulta = That consultation does not exist.
inexistente-comentario = That comment does not exist.
inexistente-campana = That campaign of comments does not exist.
inexistente-documento = That document does not exist.
inexistente-respuesta = That answer does not exist.
inexistente-opinion = That opinion does not exist.
inexistente-grupo = There are no comments with that text in this consultation.
inexistente-enlace = The link is not valid.
inexistente-periodo = There is no such period: use YYYY-N, with N = 1, 2 or 3.
inexistente-periodo-futuro = The period { $periodo } has not started yet.
inexistente-direccion-control = There is nothing at this address (it contains a control character).
inexistente-codigo-comentario = There is no comment with the code { $codigo }.
inexistente-codigo-opinion = There is no opinion with the code { $codigo }.
inexistente-traduccion = The consultation has no translation into that language.
http-not-found-detalle = There is nothing at this address.
http-no-recurso = There is no resource at { $metodo } { $ruta }.

## Transparency log (issue 38)
inexistente-encabezado = No tree head of that size has been published.
inexistente-sello = This tree head does not have the authority's time stamp yet.
campo-debe-ser-numero-entero-positivo = must be a whole number above zero
campo-seq-fuera-del-arbol = must be an entry the tree head covers (1 to its size)
campo-first-mayor-que-second = must be less than or equal to second
detalle-recibo-no-listo = The receipt will be ready when the next tree head of the log is published; it will include this comment.
inexistente-encabezado-ninguno = No tree head of the log has been published yet.
