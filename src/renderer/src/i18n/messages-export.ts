import { defineMessages } from './define';

/** The folder export's choice of drafts and the notices of its summary (codes from the core). */
export const exportMessages = defineMessages({
  en: {
    'export.drafts': 'Also export unpublished articles (drafts, in review, ready, archived)',
    'export.draftsHint': 'Without this, only published articles get pages and appear in lists, links and the sitemap.',
    'export.notices': 'Notes',
    'export.notice.drafts_left_out': '{n} unpublished article was left out: only published articles are exported.|{n} unpublished articles were left out: only published articles are exported.',
    'export.notice.drafts_included': '{n} unpublished article was exported, as asked.|{n} unpublished articles were exported, as asked.',
    'export.notice.sitemap_needs_base_url': 'No sitemap.xml: a sitemap needs absolute URLs. Set the site address in Settings to get one.',
  },
  'zh-CN': {
    'export.drafts': '同时导出未发布的文章（草稿、待审、待发布、已归档）',
    'export.draftsHint': '不勾选时，只有已发布的文章会生成页面，并出现在列表、链接和站点地图中。',
    'export.notices': '说明',
    'export.notice.drafts_left_out': '有{n}篇未发布的文章未导出：只导出已发布的文章。',
    'export.notice.drafts_included': '已按要求导出{n}篇未发布的文章。',
    'export.notice.sitemap_needs_base_url': '未生成sitemap.xml：站点地图需要完整网址。请在设置中填写网站地址。',
  },
});
