import { defineMessages } from './define';

/**
 * Strings of the editing details: proofreading fix-alls, pickers' "create" rows, the insert
 * menu. Merged into messages.ts; every key in both languages.
 */
export const editingMessages = defineMessages({
  en: {
    'checks.repeated-within': 'Paragraph {paragraph} says the same passage twice: “{text}”',
    'checks.fixAllPunctuation': 'Make all full-width',
    'checks.fixAllPunctuationHint': 'Replaces the half-width punctuation in Chinese text of {n} paragraphs; Ctrl+Z undoes it.',
    'checks.fixedPunctuation': 'Made {n} punctuation marks full-width. Ctrl+Z undoes it.',
    'meta.createCategory': 'New category “{name}”',
    'meta.createCategoryUnder': 'New category “{name}” under {parent}',
  },
  'zh-CN': {
    'checks.repeated-within': '第{paragraph}段内有一段内容重复出现：“{text}”',
    'checks.fixAllPunctuation': '全部改为全角',
    'checks.fixAllPunctuationHint': '把{n}个段落中文里的半角标点改为全角，按Ctrl+Z可撤销。',
    'checks.fixedPunctuation': '已将{n}处半角标点改为全角，按Ctrl+Z可撤销。',
    'meta.createCategory': '新建分类“{name}”',
    'meta.createCategoryUnder': '在“{parent}”下新建分类“{name}”',
  },
});
