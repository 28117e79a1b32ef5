import type { Article } from '../useAutosave';

/** The workflow, in order (the core's STATUSES; repeated here because the renderer imports core types only). */
export const STATUSES_FOR_UI: ReadonlyArray<Article['status']> = ['draft', 'in_review', 'ready', 'published', 'archived'];
