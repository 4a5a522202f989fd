// The records' enumerations in words people read (issue 15 §3: "Status active", "Kilde session" in the GDPR export).
// Keys: enum.<group>.<value>, one group per enumeration in src/core/records/tables.ts.
export const nb = {
  'enum.employeeStatus.active': 'aktiv', 'enum.employeeStatus.leave': 'permisjon', 'enum.employeeStatus.left': 'sluttet',
  'enum.certSource.session': 'kurs', 'enum.certSource.sign-off': 'godkjent av leder', 'enum.certSource.document': 'dokumentasjon',
  'enum.certSource.import': 'importert', 'enum.certSource.appraisal': 'medarbeidersamtale',
  'enum.certState.valid': 'gyldig', 'enum.certState.pending': 'venter på godkjenning', 'enum.certState.revoked': 'trukket tilbake',
  'enum.enrollment.enrolled': 'påmeldt', 'enum.enrollment.waitlisted': 'på venteliste', 'enum.enrollment.cancelled': 'avmeldt',
  'enum.enrollment.attended': 'deltok', 'enum.enrollment.no-show': 'møtte ikke',
  'enum.plan.open': 'åpen', 'enum.plan.done': 'fullført', 'enum.plan.cancelled': 'avlyst',
  'enum.appraisalKind.development': 'medarbeidersamtale', 'enum.appraisalKind.probation': 'oppfølging i prøvetiden',
  'enum.appraisalKind.life-phase': 'livsfasesamtale',
  'enum.appraisalStatus.planned': 'planlagt', 'enum.appraisalStatus.prepared': 'dokument klart', 'enum.appraisalStatus.held': 'holdt',
  'enum.appraisalStatus.signed': 'signert', 'enum.appraisalStatus.archived': 'arkivert', 'enum.appraisalStatus.cancelled': 'avlyst',
  'enum.question.open': 'åpent', 'enum.question.claimed': 'en guide ser på det', 'enum.question.answered': 'besvart',
  'enum.question.resolved': 'løst', 'enum.question.reopened': 'åpnet igjen',
  'enum.channel.chat': 'Chat', 'enum.channel.mail': 'e-post',
};

export const en: Record<keyof typeof nb, string> = {
  'enum.employeeStatus.active': 'active', 'enum.employeeStatus.leave': 'on leave', 'enum.employeeStatus.left': 'left',
  'enum.certSource.session': 'course', 'enum.certSource.sign-off': 'signed off by leader', 'enum.certSource.document': 'document',
  'enum.certSource.import': 'imported', 'enum.certSource.appraisal': 'appraisal',
  'enum.certState.valid': 'valid', 'enum.certState.pending': 'awaiting approval', 'enum.certState.revoked': 'revoked',
  'enum.enrollment.enrolled': 'enrolled', 'enum.enrollment.waitlisted': 'on the waiting list', 'enum.enrollment.cancelled': 'cancelled',
  'enum.enrollment.attended': 'attended', 'enum.enrollment.no-show': 'did not attend',
  'enum.plan.open': 'open', 'enum.plan.done': 'done', 'enum.plan.cancelled': 'cancelled',
  'enum.appraisalKind.development': 'development conversation', 'enum.appraisalKind.probation': 'probation follow-up',
  'enum.appraisalKind.life-phase': 'life-phase conversation',
  'enum.appraisalStatus.planned': 'planned', 'enum.appraisalStatus.prepared': 'document ready', 'enum.appraisalStatus.held': 'held',
  'enum.appraisalStatus.signed': 'signed', 'enum.appraisalStatus.archived': 'archived', 'enum.appraisalStatus.cancelled': 'cancelled',
  'enum.question.open': 'open', 'enum.question.claimed': 'a guide is on it', 'enum.question.answered': 'answered',
  'enum.question.resolved': 'resolved', 'enum.question.reopened': 'reopened',
  'enum.channel.chat': 'Chat', 'enum.channel.mail': 'e-mail',
};

export const sv: Record<keyof typeof nb, string> = {
  'enum.employeeStatus.active': 'aktiv', 'enum.employeeStatus.leave': 'tjänstledig', 'enum.employeeStatus.left': 'slutat',
  'enum.certSource.session': 'kurs', 'enum.certSource.sign-off': 'godkänt av chef', 'enum.certSource.document': 'dokumentation',
  'enum.certSource.import': 'importerat', 'enum.certSource.appraisal': 'medarbetarsamtal',
  'enum.certState.valid': 'giltigt', 'enum.certState.pending': 'väntar på godkännande', 'enum.certState.revoked': 'återkallat',
  'enum.enrollment.enrolled': 'anmäld', 'enum.enrollment.waitlisted': 'på väntelista', 'enum.enrollment.cancelled': 'avanmäld',
  'enum.enrollment.attended': 'deltog', 'enum.enrollment.no-show': 'kom inte',
  'enum.plan.open': 'öppen', 'enum.plan.done': 'klar', 'enum.plan.cancelled': 'inställd',
  'enum.appraisalKind.development': 'medarbetarsamtal', 'enum.appraisalKind.probation': 'uppföljning under provanställning',
  'enum.appraisalKind.life-phase': 'livsfassamtal',
  'enum.appraisalStatus.planned': 'planerat', 'enum.appraisalStatus.prepared': 'dokument klart', 'enum.appraisalStatus.held': 'hållet',
  'enum.appraisalStatus.signed': 'signerat', 'enum.appraisalStatus.archived': 'arkiverat', 'enum.appraisalStatus.cancelled': 'inställt',
  'enum.question.open': 'öppen', 'enum.question.claimed': 'en guide tittar på den', 'enum.question.answered': 'besvarad',
  'enum.question.resolved': 'löst', 'enum.question.reopened': 'öppnad igen',
  'enum.channel.chat': 'Chat', 'enum.channel.mail': 'e-post',
};
