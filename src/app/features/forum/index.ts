// The guide forum (issue 6) and the Chat app it lives in: free text and commands in a DM (chat.ts), asking, the FAQ, guides
// at work, the asker's side, the community and the jobs, as one map.
import type { Handlers } from '../../pipeline/handler';
import { askHandlers } from './ask';
import { askerHandlers } from './asker';
import { chatHandlers } from './chat';
import { communityHandlers } from './community';
import { faqHandlers } from './faq';
import { guideHandlers } from './guide';
import { forumJobHandlers } from './jobs';

export const forumHandlers: Handlers = {
  ...chatHandlers, ...askHandlers, ...faqHandlers, ...guideHandlers, ...askerHandlers, ...communityHandlers, ...forumJobHandlers,
};
