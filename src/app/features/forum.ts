// The guide forum (issue 6): asking, the FAQ, guides at work, the asker's side, the community and the jobs, as one map.
import type { Handlers } from '../handler';
import { askHandlers } from './forum-ask';
import { askerHandlers } from './forum-asker';
import { communityHandlers } from './forum-community';
import { faqHandlers } from './forum-faq';
import { guideHandlers } from './forum-guide';
import { forumJobHandlers } from './forum-jobs';

export const forumHandlers: Handlers = {
  ...askHandlers, ...faqHandlers, ...guideHandlers, ...askerHandlers, ...communityHandlers, ...forumJobHandlers,
};
