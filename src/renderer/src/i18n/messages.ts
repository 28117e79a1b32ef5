import { libraryMessages } from './messages-library';
import { taxonomyMessages } from './messages-taxonomy';
import { settingsMessages } from './messages-settings';
import { editorMessages } from './messages-editor';
import { relatedMessages } from './messages-related';
import { publishMessages } from './messages-publish';
import { exportMessages } from './messages-export';
import { editingMessages } from './messages-editing';
import { deskMessages } from './messages-desk';
import { coreMessages } from './messages-core';
import { importMessages } from './messages-import';
import { slugsMessages } from './messages-slugs';

/**
 * UI strings in Simplified Chinese and English. Keys are grouped by screen; every key must
 * exist in both languages (a unit test checks it), so a missing translation never shows a key.
 */
export const messages = {
  en: {
    'app.name': 'Copydesk',
    'app.newArticle': 'New article',
    'app.loading': 'Loading…',
    'app.error': 'Something went wrong',
    'library.title': 'Library',
    'library.empty': 'No articles yet. Create one with “New article”.',
    'library.untitled': '(untitled)',
    'library.trash': 'Trash',
    'library.articles': 'Articles',
    'library.moveToTrash': 'Move to trash',
    'library.restore': 'Restore',
    'library.deleteForever': 'Delete forever',
    'library.uncategorised': 'Uncategorised',
    'library.count': '{n} article|{n} articles',
    'status.draft': 'Draft',
    'status.in_review': 'In review',
    'status.ready': 'Ready',
    'status.published': 'Published',
    'status.archived': 'Archived',
    'editor.titlePlaceholder': 'Title',
    'editor.bodyPlaceholder': 'Write the article…',
    'editor.none': 'Select an article in the library, or create a new one.',
    'save.saved': 'Saved',
    'save.saving': 'Saving…',
    'save.dirty': 'Unsaved changes',
    'save.failed': 'Not saved: {reason}. Retrying…',
    'save.conflict': 'This article was changed elsewhere.',
    ...libraryMessages.en,
    ...taxonomyMessages.en,
    ...settingsMessages.en,
    ...editorMessages.en,
    ...relatedMessages.en,
    ...publishMessages.en,
    ...exportMessages.en,
    ...editingMessages.en,
    ...deskMessages.en,
    ...coreMessages.en,
    ...importMessages.en,
    ...slugsMessages.en,
  },
  'zh-CN': {
    'app.name': 'Copydesk编辑台',
    'app.newArticle': '新建文章',
    'app.loading': '加载中…',
    'app.error': '出错了',
    'library.title': '文章库',
    'library.empty': '还没有文章。点击“新建文章”开始。',
    'library.untitled': '（无标题）',
    'library.trash': '回收站',
    'library.articles': '文章',
    'library.moveToTrash': '移到回收站',
    'library.restore': '恢复',
    'library.deleteForever': '永久删除',
    'library.uncategorised': '未分类',
    'library.count': '{n}篇文章',
    'status.draft': '草稿',
    'status.in_review': '审核中',
    'status.ready': '待发布',
    'status.published': '已发布',
    'status.archived': '已归档',
    'editor.titlePlaceholder': '标题',
    'editor.bodyPlaceholder': '开始撰写正文…',
    'editor.none': '在文章库中选择一篇文章，或新建一篇。',
    'save.saved': '已保存',
    'save.saving': '正在保存…',
    'save.dirty': '有未保存的修改',
    'save.failed': '未保存：{reason}。正在重试…',
    'save.conflict': '这篇文章已在别处被修改。',
    ...libraryMessages['zh-CN'],
    ...taxonomyMessages['zh-CN'],
    ...settingsMessages['zh-CN'],
    ...editorMessages['zh-CN'],
    ...relatedMessages['zh-CN'],
    ...publishMessages['zh-CN'],
    ...exportMessages['zh-CN'],
    ...editingMessages['zh-CN'],
    ...deskMessages['zh-CN'],
    ...coreMessages['zh-CN'],
    ...importMessages['zh-CN'],
    ...slugsMessages['zh-CN'],
  },
} as const;

export type Locale = keyof typeof messages;
export type MessageKey = keyof (typeof messages)['en'];
