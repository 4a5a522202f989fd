// Every action name a card, command or trigger can run, in one place (the `action` parameter of card clicks).

/** The one Apps Script function every card button calls; it dispatches on the `action` parameter. */
export const CARD_ACTION_FUNCTION = 'onCardAction';

export const ACTIONS = {
  // Entry points and navigation
  home: 'home',
  help: 'help',
  gmailMessage: 'gmail.message',
  docsHome: 'docs.home',
  /** Docs/Sheets: asks the host to let the person grant drive.file for the open document. */
  docsGrantAccess: 'docs.grantAccess',
  sheetsHome: 'sheets.home',
  chatMessage: 'chat.message',
  chatCommand: 'chat.command',
  chatAdded: 'chat.added',
  chatRemoved: 'chat.removed',
  chatWidgetUpdated: 'chat.widgetUpdated',
  // Competence status (issue 4)
  myStatus: 'status.mine',
  statusDetail: 'status.detail',
  unitOverview: 'status.unit',
  unitPerson: 'status.unitPerson',
  signOffOpen: 'status.signOffOpen',
  signOffSubmit: 'status.signOff',
  verifyCertification: 'status.verify',
  /** A leader's certificates waiting for verification (Chat /godkjenn, the unit overview, the add-on home cards). */
  pendingList: 'status.pending',
  rejectOpen: 'status.rejectOpen',
  rejectCertification: 'status.reject',
  skillsOpen: 'skills.open',
  skillsSubmit: 'skills.submit',
  skillsUnit: 'skills.unit',
  health: 'admin.health',
  // Courses (issue 5)
  myCourses: 'courses.mine',
  findCourses: 'courses.find',
  courseDetail: 'courses.detail',
  signUp: 'courses.signUp',
  signUpOther: 'courses.signUpOther',
  cancelEnrollment: 'courses.cancel',
  addToCalendar: 'courses.addToCalendar',
  registerCertificate: 'courses.registerCertificate',
  signUpOtherOpen: 'courses.signUpOtherOpen',
  /** The Gmail homepage (my coming sessions, my status in short, find courses); the Gmail homepage trigger points here. */
  gmailHome: 'courses.gmailHome',
  // Course administration (issue 5): admin sidebar calls (google.script.run → host 'sidebar'), answered with data.
  courseAdminList: 'courses.admin.list',
  courseSave: 'courses.admin.saveCourse',
  sessionSave: 'courses.admin.saveSession',
  sessionCancel: 'courses.admin.cancelSession',
  sessionParticipants: 'courses.admin.participants',
  attendanceMark: 'courses.admin.markAttendance',
  participantsExport: 'courses.admin.export',
  // Guide forum (issue 6)
  askOpen: 'forum.askOpen',
  askSubmit: 'forum.ask',
  askSolvedByFaq: 'forum.solvedByFaq',
  askPost: 'forum.post',
  faqSearch: 'forum.faqSearch',
  faqShow: 'forum.faqShow',
  faqFeedback: 'forum.faqFeedback',
  claim: 'forum.claim',
  answerOpen: 'forum.answerOpen',
  answerSubmit: 'forum.answer',
  /** A guide's reply in a question's thread that @mentions the app: relayed to the asker as the answer. */
  threadMention: 'forum.threadMention',
  askAskerOpen: 'forum.askAskerOpen',
  askAskerSubmit: 'forum.askAsker',
  handOverOpen: 'forum.handOverOpen',
  handOver: 'forum.handOver',
  escalate: 'forum.escalate',
  solved: 'forum.solved',
  notYet: 'forum.notYet',
  replyOpen: 'forum.replyOpen',
  replySubmit: 'forum.reply',
  publishOpen: 'forum.publishOpen',
  publishSubmit: 'forum.publish',
  myGuide: 'forum.myGuide',
  guideStats: 'forum.stats',
  announceOpen: 'forum.announceOpen',
  announce: 'forum.announce',
  faqReviewed: 'forum.faqReviewed',
  // Appraisals (issue 7)
  appraisalNewOpen: 'appraisal.newOpen',
  appraisalCreate: 'appraisal.create',
  appraisalRecordActions: 'appraisal.recordActions',
  appraisalMarkHeld: 'appraisal.markHeld',
  appraisalScheduleNext: 'appraisal.scheduleNext',
  appraisalSignOff: 'appraisal.signOff',
  appraisalArchive: 'appraisal.archive',
  myAppraisals: 'appraisal.mine',
  appraisalOverview: 'appraisal.overview',
  appraisalOpen: 'appraisal.open',
  // Jobs
  jobRebuild: 'job.rebuild',
  jobReminders: 'job.reminders',
  /** Weekly digest to unit leaders (issue 4); job.digest is the guides' (issue 6). */
  jobLeaderDigest: 'job.leaderDigest',
  jobNudges: 'job.nudges',
  jobDigest: 'job.digest',
  jobAppraisalReminders: 'job.appraisalReminders',
  jobFaqReview: 'job.faqReview',
  /** Every 10 minutes: a rebuild asked for, or packs the cache lost put back from the durable copy (issue 12). */
  jobHeal: 'job.heal',
  jobCourseReminders: 'job.courseReminders',
  /** Sends the Outbox's mail and calendar effects, every minute, as the Kompetent account. */
  jobOutbox: 'job.outbox',
  /** Daily at night: moves closed months of Audit and Notifications into their year's archive spreadsheet (issue 12). */
  jobRotate: 'job.rotate',
} as const;

export type ActionName = (typeof ACTIONS)[keyof typeof ACTIONS];
