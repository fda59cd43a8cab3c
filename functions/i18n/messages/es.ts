/**
 * Español: trato de «usted», comillas angulares «», escala de acuerdo habitual en encuestas
 * («Totalmente en desacuerdo» … «Totalmente de acuerdo»). Los nombres de rol (Consultant Sales
 * Leader, coachee) se mantienen en inglés, como es habitual en los equipos comerciales.
 */
import type { Section } from './section.ts';

export const common: Section<'common'> = {
  'common.footer': 'Ladder – revisiones trimestrales de los Consultant Sales Leaders',
  'common.pageTitle': '{title} – Ladder',
};

/** Cuestionario versión 1, redacción 1 (`v1-es-1`). */
export const competencyLabels: Section<'competencyLabels'> = {
  'q1.coaching-questions.label': 'Preguntas de coaching',
  'q1.knowledge-transfer.label': 'Transferencia de conocimiento',
  'q1.motivation.label': 'Motivación y compromiso',
  'q1.development.label': 'Planes de desarrollo',
  'q1.deal-strategy.label': 'Estrategia de oportunidades',
  'q1.hiring.label': 'Selección de personal',
  'q1.territory-targets.label': 'Territorios y objetivos',
  'q1.forecasting.label': 'Previsiones',
  'q1.strategy-execution.label': 'Ejecución de la estrategia',
  'q1.cross-functional.label': 'Colaboración entre áreas',
  'q1.budgeting.label': 'Gestión del presupuesto',
  'q1.firefighting.label': 'Gestión de imprevistos',
  'q1.stand-in.label': 'Sustitución del responsable',
};

export const questionnaire: Section<'questionnaire'> = {
  'q1.scale.1': 'Totalmente en desacuerdo',
  'q1.scale.2': 'En desacuerdo',
  'q1.scale.3': 'Ni de acuerdo ni en desacuerdo',
  'q1.scale.4': 'De acuerdo',
  'q1.scale.5': 'Totalmente de acuerdo',
  'q1.notObserved': 'No observado',
  'q1.area.coaching': 'Coaching',
  'q1.area.management': 'Gestión',
  'q1.coaching-questions.statement':
    'Hace preguntas de coaching que ayudan a ver los problemas desde otra perspectiva',
  'q1.knowledge-transfer.statement': 'Comparte las técnicas que le llevan al éxito',
  'q1.motivation.statement': 'Mantiene a las personas motivadas y comprometidas con sus objetivos',
  'q1.development.statement': 'Ayuda a las personas a elaborar y seguir un plan de mejora',
  'q1.deal-strategy.statement': 'Ayuda a definir la estrategia de las oportunidades en curso',
  'q1.hiring.statement': 'Evalúa bien a los candidatos y realiza buenas entrevistas',
  'q1.territory-targets.statement': 'Establece planes de territorio y objetivos justos',
  'q1.forecasting.statement': 'Elabora previsiones y métricas fiables',
  'q1.strategy-execution.statement':
    'Convierte la estrategia de la dirección en acciones concretas en el equipo',
  'q1.cross-functional.statement': 'Colabora bien con soporte, marketing y finanzas',
  'q1.budgeting.statement': 'Gestiona los presupuestos y muestra buen criterio en el gasto',
  'q1.firefighting.statement': 'Mantiene la eficacia cuando las cosas van mal',
  'q1.stand-in.statement': 'Podría dirigir el equipo en ausencia del responsable',
  'q1.open.keep': '¿Qué debería seguir haciendo esta persona?',
  'q1.open.change': '¿Qué debería hacer de otra manera esta persona?',
};

export const form: Section<'form'> = {
  'form.language': 'Idioma',
  'form.title.self': 'Su autoevaluación',
  'form.title.other': 'Feedback sobre {leader}',
  'form.errorTitle': 'Error: {title}',
  'form.errorSummary': 'Hay un problema',
  'form.errorPrefix': 'Error:',
  'form.state.answered':
    '<strong>Hemos recibido sus respuestas.</strong> Puede cambiarlas hasta el {deadline}: modifíquelas abajo y vuelva a enviarlas.',
  'form.state.declined.self':
    '<strong>Nos ha indicado que no puede hacer una autoevaluación.</strong> Si cambia de opinión, todavía puede responder hasta el {deadline}.',
  'form.state.declined.other':
    '<strong>Nos ha indicado que no puede evaluar a {leader}.</strong> Si cambia de opinión, todavía puede responder hasta el {deadline}.',
  'form.intro.self':
    'En la revisión trimestral de los Consultant Sales Leaders también le preguntamos cómo se ve usted. Valore cada afirmación desde «{lowest}» hasta «{highest}», o elija «{notObserved}» si no procede.',
  'form.intro.other':
    'Le pedimos su opinión sobre <strong>{leader}</strong> como Consultant Sales Leader. Valore cada afirmación desde «{lowest}» hasta «{highest}», o elija «{notObserved}» si no ha podido observarlo.',
  'form.privacy.self':
    'Sus respuestas aparecen en su propio informe de desarrollo junto a las opiniones de sus coachees, sus compañeros y su responsable, para que pueda comparar cómo se ve usted con cómo le ven los demás.',
  'form.privacy.manager':
    'Como responsable de {leader}, sus valoraciones se le muestran como las de su responsable, por lo que no son anónimas. Los comentarios se muestran sin nombre.',
  'form.privacy.anonymous':
    '<strong>Sus respuestas son anónimas.</strong> {leader} solo ve las valoraciones de coachees y compañeros de forma agregada, para un grupo de al menos {minimum, plural, one {# persona} other {# personas}}; un grupo más pequeño no se muestra por separado. Los comentarios se muestran sin nombre, tal como se escribieron, así que omita cualquier dato que pueda identificarle.',
  'form.deadline':
    'Responda a más tardar el <strong>{deadline}</strong>. Hasta entonces puede cambiar sus respuestas con el mismo enlace.',
  'form.statement': 'Afirmación',
  'form.openQuestions': 'Con sus propias palabras',
  'form.commentHint.self': 'Opcional, hasta {max, number} caracteres.',
  'form.commentHint.other': 'Opcional, hasta {max, number} caracteres. Se muestra sin su nombre.',
  'form.submit.new': 'Enviar mis respuestas',
  'form.submit.update': 'Actualizar mis respuestas',
  'form.decline.title.self': '¿No puede hacer su autoevaluación?',
  'form.decline.title.other': '¿No conoce lo suficiente a {leader}?',
  'form.decline.text.self': 'Indíquenoslo en lugar de responder.',
  'form.decline.text.other':
    'Si no ha trabajado lo suficiente con {leader} para opinar, indíquenoslo en lugar de responder.',
  'form.decline.button.self': 'No puedo hacer una autoevaluación',
  'form.decline.button.other': 'No puedo evaluar a esta persona',
  'answers.missing': 'Elija una valoración para «{label}» (1–5 o {notObserved}).',
  'answers.repeated': '«{label}» tiene más de una respuesta; elija una sola valoración.',
  'answers.unknown': '«{field}» no es una pregunta de este formulario.',
  'answers.notAsked':
    '«{label}» no se pregunta {group, select, self {a la persona evaluada} manager {al responsable} coachee {a los coachees} other {a los compañeros}}.',
  'answers.commentRepeated': '«{prompt}» se envió más de una vez; envíe una sola respuesta.',
  'answers.control':
    '«{prompt}» contiene un carácter de control; use solo texto, saltos de línea y tabulaciones.',
  'answers.tooLong':
    '«{prompt}» es demasiado largo: {length, number} caracteres; se permiten como máximo {max, number}.',
  'thanks.title.saved': 'Gracias, sus respuestas se han guardado',
  'thanks.title.declined': 'Gracias por avisarnos',
  'thanks.saved.self':
    'Su autoevaluación aparecerá en su informe de desarrollo cuando se cierre la revisión.',
  'thanks.saved.other':
    'Su feedback sobre {leader} se ha guardado y formará parte de su informe cuando se cierre la revisión.',
  'thanks.declined.self': 'Hemos tomado nota de que no hará una autoevaluación este trimestre.',
  'thanks.declined.other':
    'Hemos tomado nota de que no puede evaluar a {leader}. No recibirá recordatorios al respecto.',
  'thanks.edit.saved':
    'Puede cambiar sus respuestas hasta el <strong>{deadline}</strong>: <link>cambiar mis respuestas</link>.',
  'thanks.edit.declined':
    'Todavía puede responder hasta el <strong>{deadline}</strong>: <link>ir al formulario</link>.',
  'thanks.close': 'Ya puede cerrar esta página.',
  'notFound.title': 'Página no encontrada',
  'notFound.text':
    'Este enlace no funciona. Si lo copió de un correo electrónico, compruebe que lo copió completo.',
  'notFound.help': 'Si sigue sin funcionar, póngase en contacto con su equipo de Recursos Humanos.',
  'closed.title': 'Esta revisión está cerrada',
  'closed.text': 'El plazo ha terminado, por lo que ya no se pueden dar ni cambiar respuestas.',
  'closed.help':
    'Gracias por su tiempo. Si tiene alguna pregunta sobre la revisión, póngase en contacto con su equipo de Recursos Humanos.',
  'error.title': 'Lo sentimos, algo ha salido mal',
  'error.retry':
    'Vuelva a intentarlo dentro de unos minutos. Si estaba enviando respuestas, vuelva atrás y envíelas de nuevo: es posible que no se hayan guardado.',
  'error.method': 'Esta página solo acepta GET y POST.',
  'error.contentType': 'El formulario debe enviarse como application/x-www-form-urlencoded.',
  'error.tooLarge': 'El formulario es demasiado grande para aceptarlo.',
  'error.unavailable':
    'No hemos podido guardar ni mostrar esta página en este momento. Espere unos segundos y vuelva a intentarlo; sus respuestas solo se cuentan una vez.',
  'error.internal': 'Algo ha salido mal por nuestra parte. Vuelva a intentarlo dentro de un minuto.',
};

export const raterEmail: Section<'raterEmail'> = {
  'rater.subject.invitation.self': 'Su autoevaluación de {quarter}',
  'rater.subject.invitation.selfAndOthers': 'Su autoevaluación de {quarter} y su opinión sobre {people}',
  'rater.subject.invitation.others': 'Dé su opinión sobre {people} (revisión {quarter})',
  'rater.subject.reminder.self': 'Recordatorio: su autoevaluación de {quarter} vence el {due}',
  'rater.subject.reminder.others': 'Recordatorio: su feedback de {quarter} vence el {due}',
  'rater.people.one': '{first}',
  'rater.people.two': '{first} y {second}',
  'rater.people.three': '{first}, {second} y {third}',
  'rater.people.more': '{first}, {second} y {count, plural, one {# persona más} other {# personas más}}',
  'rater.greeting': 'Hola, {name}:',
  'rater.opening.invitation':
    '{count, plural, one {Ha comenzado la revisión {quarter} de los Consultant Sales Leaders y le pedimos su opinión.} other {Ha comenzado la revisión {quarter} de los Consultant Sales Leaders. Le pedimos su opinión sobre # personas: cada una tiene su propio formulario breve, en su enlace más abajo.}}',
  'rater.opening.reminder':
    '{count, plural, one {Le recordamos que aún no hemos recibido sus respuestas al formulario de abajo.} other {Le recordamos que aún no hemos recibido sus respuestas a estos # formularios.}}',
  'rater.relation':
    '{group, select, self {su autoevaluación} coachee {{leader} es su coach} peer {{leader} es su compañero o compañera} other {usted es responsable de {leader}}}',
  'rater.button': '{group, select, self {Empezar mi autoevaluación} other {Dar mi opinión sobre {leader}}}',
  'rater.howTo.self': 'Solo le llevará unos minutos, desde cualquier dispositivo.',
  'rater.howTo.others':
    'Cada formulario le llevará solo unos minutos, desde cualquier dispositivo. Si no puede evaluar a alguien, abra su enlace e indíquelo.',
  'rater.until':
    'Responda a más tardar el {deadline}. Hasta entonces puede cambiar sus respuestas con los mismos enlaces.',
  'rater.privacy.self':
    'Su autoevaluación aparece en su propio informe de desarrollo junto a las opiniones de los demás.',
  'rater.privacy.manager':
    'La persona de la que usted es responsable ve sus valoraciones como las de su responsable; los comentarios se muestran sin nombre.',
  'rater.privacy.anonymous':
    'Las respuestas de coachees y compañeros son anónimas: la persona evaluada solo las ve de forma agregada, en grupos de al menos {minimum, plural, one {# persona} other {# personas}}, y los comentarios sin nombre.',
  'rater.fallback': 'Si un botón no funciona, copie su enlace en el navegador:',
  'rater.personal': 'Estos enlaces son personales: por favor, no reenvíe este correo.',
};

export const report: Section<'report'> = {
  'report.subject': 'Su informe de desarrollo de {quarter}',
  'report.intro':
    'Hola, {name}: este es el feedback de su revisión {quarter}. Las valoraciones son medias en una escala de 1 (totalmente en desacuerdo) a 5 (totalmente de acuerdo). Las respuestas de coachees y compañeros solo se muestran para grupos lo bastante grandes como para mantener el anonimato, y los comentarios se muestran sin nombre.',
  'report.group':
    '{group, select, self {Su autoevaluación} manager {Su responsable} coachee {Sus coachees} peer {Sus compañeros} others {Sus coachees y compañeros (en conjunto)} other {{group}}} ({responses, plural, one {# respuesta} other {# respuestas}})',
  'report.column.competency': 'Competencia',
  'report.column.average': 'Media (1–5)',
  'report.comments.keep': 'Seguir haciendo',
  'report.comments.change': 'Hacer de otra manera',
  'report.needs.heading': 'Áreas de desarrollo',
  'report.needs.intro': 'Las competencias más alejadas del objetivo este trimestre:',
  'report.needs.none': 'Ninguna competencia está por debajo del objetivo este trimestre. ¡Enhorabuena!',
  'report.needs.item': '{label} ({score} de 100)',
  'report.training.heading': 'Formación recomendada',
  'report.training.item': '{label}: {titles}',
  'report.gaps.heading': 'Cómo se ve usted y cómo le ven los demás',
  'report.gaps.textHeading': 'Cómo se ve usted y cómo le ven los demás (media, 1–5)',
  'report.gaps.blindSpots': 'Usted se valoró claramente por encima de lo que le valoraron los demás:',
  'report.gaps.hiddenStrengths': 'Los demás le valoraron claramente por encima de su propia valoración:',
  'report.gaps.item': '{label}: usted {self}, los demás {others}',
  'report.results.heading': 'Resultados por grupo',
  'report.results.textHeading': 'Resultados por grupo (media, 1–5)',
  'report.results.none': 'Ningún grupo tuvo suficientes respuestas para mostrarse este trimestre.',
  'report.withheld.heading': 'No se muestra, para mantener el anonimato',
  'report.closing': 'Comente estos resultados con su responsable para planificar su desarrollo.',
  'note.groupWithheld':
    '{group, select, self {Autoevaluación} manager {Responsable} coachee {Coachees} peer {Compañeros} other {Coachees y compañeros (en conjunto)}}: {responses, plural, one {# respuesta} other {# respuestas}}, menos de las {minimum} necesarias para mantener el anonimato, por lo que no se muestran las valoraciones ni los comentarios.',
  'note.merged':
    'Los coachees y los compañeros se muestran en conjunto porque uno de los grupos tuvo menos de {minimum} respuestas.',
  'note.itemsHidden':
    '{group, select, self {Autoevaluación} manager {Responsable} coachee {Coachees} peer {Compañeros} other {Coachees y compañeros (en conjunto)}}: no se muestra la media de {labels} porque {count, plural, one {la valoraron} other {las valoraron}} menos de {minimum} personas.',
  'note.commentsBelowMinimum':
    '{group, select, self {Autoevaluación} manager {Responsable} coachee {Coachees} peer {Compañeros} other {Coachees y compañeros (en conjunto)}}: los comentarios solo se muestran de grupos de al menos {commentMinimum} personas, por lo que este trimestre no se muestra ninguno.',
  'note.mergedCommentsOneGroup':
    '{group, select, self {Autoevaluación} manager {Responsable} coachee {Coachees} peer {Compañeros} other {Coachees y compañeros (en conjunto)}}: los comentarios solo se muestran de grupos que por sí solos tengan al menos {commentMinimum} personas, por lo que no se muestran los del grupo más pequeño.',
  'note.mergedCommentsNone':
    '{group, select, self {Autoevaluación} manager {Responsable} coachee {Coachees} peer {Compañeros} other {Coachees y compañeros (en conjunto)}}: los comentarios solo se muestran de grupos que por sí solos tengan al menos {commentMinimum} personas, por lo que este trimestre no se muestra ninguno.',
  'note.differencingMeans':
    '{group, select, self {Autoevaluación} manager {Responsable} coachee {Coachees} peer {Compañeros} other {Coachees y compañeros (en conjunto)}}: este trimestre no se muestra la media de {labels}: comparada con sus informes anteriores, revelaría las respuestas de menos de {minimum} personas, porque el grupo ha cambiado demasiado poco.',
  'note.differencingComments':
    '{group, select, self {Autoevaluación} manager {Responsable} coachee {Coachees} peer {Compañeros} other {Coachees y compañeros (en conjunto)}}: este trimestre no se muestran los comentarios: comparados con sus informes anteriores, revelarían quién escribió qué, porque el grupo ha cambiado demasiado poco.',
};

export const outcomes: Section<'outcomes'> = {
  'recommendation.ready-now': 'Preparación inmediata',
  'recommendation.ready-next-year': 'Preparación en un año',
  'recommendation.develop-in-role': 'Desarrollo en el puesto',
  'recommendation.review-coaching-role': 'Revisar el rol de coach',
  'recommendation.insufficient-evidence': 'Información insuficiente',
  'flag.stand-in-ready': 'Puede sustituir al responsable',
  'flag.blind-spot': 'Punto ciego',
  'flag.retention-risk': 'Riesgo de salida',
};

export const managerSummary: Section<'managerSummary'> = {
  'manager.subject': 'Preparación para la gestión {quarter}: resumen de {team}',
  'manager.intro':
    'Hola, {name}: estos son los resultados de la revisión {quarter} de los Consultant Sales Leaders de {team}. Las puntuaciones van de 0 a 100 y combinan las respuestas de todos los grupos evaluadores; las respuestas individuales nunca se comparten.',
  'manager.readiness': 'Preparación para la gestión',
  'manager.readinessValue': '{score} de 100',
  'manager.recommendation': 'Recomendación',
  'manager.flags': 'Indicadores',
  'manager.flags.none': 'Ninguno',
  'manager.needs': 'Áreas de desarrollo',
  'manager.needs.none': 'Ninguna por debajo del objetivo',
  'manager.noLeaders': 'Este trimestre no se ha evaluado a ningún Consultant Sales Leader de este equipo.',
  'manager.footnote':
    'Cada Consultant Sales Leader recibe su propio informe de desarrollo con resultados de grupo anonimizados, pero no la puntuación de preparación ni la recomendación.',
};

export const hrSummary: Section<'hrSummary'> = {
  'hr.subject': 'Ladder {quarter}: revisión completada, resultados de preparación disponibles',
  'hr.heading': 'Revisión {quarter}: resultados',
  'hr.closed':
    'La revisión {quarter} está cerrada y se ha evaluado a {leaders, plural, one {# Consultant Sales Leader} other {# Consultant Sales Leaders}}.',
  'hr.responses': 'Respuestas',
  'hr.requests': 'Solicitudes de feedback',
  'hr.answered': 'Respondidas',
  'hr.answeredValue': '{answered} ({rate})',
  'hr.declined': 'Rechazadas',
  'hr.expired': 'Vencidas sin respuesta',
  'hr.recommendations': 'Recomendaciones',
  'hr.leaders': 'Consultant Sales Leaders',
  'hr.column.leader': 'Nombre',
  'hr.column.team': 'Equipo',
  'hr.column.readiness': 'Preparación',
  'hr.column.recommendation': 'Recomendación',
  'hr.column.flags': 'Indicadores',
  'hr.noLeaders': 'No se ha evaluado a nadie.',
  'hr.more': '…y {count, plural, one {# persona más} other {# personas más}}.',
  'hr.exportHint': 'Los resultados completos están en la exportación: {command}',
  'hr.preheader':
    'Respondidas: {answered} de {total, plural, one {# solicitud de feedback} other {# solicitudes de feedback}}',
  'hr.delivery': 'Entrega de correos',
  'hr.delivery.allReached':
    '{raters, plural, one {El evaluador recibió} other {Los # evaluadores recibieron}} el correo sin problemas.',
  'hr.delivery.someMissed':
    'De {raters, plural, one {# evaluador} other {# evaluadores}}, no se pudo contactar por correo con los siguientes; sus solicitudes de feedback están marcadas en la exportación (undeliverable, bounced, complained, suppressed):',
  'hr.delivery.refused': 'Correo rechazado por SES: {reason}',
  'hr.delivery.bounced': 'Correo devuelto (rebote)',
  'hr.delivery.complained': 'Marcado como spam (queja)',
  'hr.delivery.suppressed': 'No enviado (dirección bloqueada tras un rebote o una queja)',
  'hr.delivery.raters': '{count, plural, one {# evaluador} other {# evaluadores}}',
};
