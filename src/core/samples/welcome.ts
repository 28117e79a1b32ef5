import type { Database } from 'better-sqlite3';
import { createArticle } from '../articles/articles.js';
import { createCategory } from '../taxonomy/categories.js';
import { setSettings } from '../settings/settings.js';
import { headingNode, paragraphNode, textNode, emptyBody, type SerializedEditorState } from '../content/lexical-json.js';

/**
 * First-run content for the app (never for the CLI): a small category tree, tags and a few
 * articles, so the first screen shows what Copydesk is for. All of it is in Chinese, whatever
 * the interface's language: it is content, not interface. It is written once into a library
 * that may later be opened with either language, and Copydesk is made for Chinese newsrooms,
 * whose sites, categories and tags are Chinese (the other samples are Chinese news already);
 * an English guide would be the one English article in a Chinese editor's first library.
 */
export function seedWelcomeContent(db: Database): void {
  db.transaction(() => {
    const industry = createCategory(db, { name: '产业信息', parentId: null, slug: 'industry' });
    const guangdong = createCategory(db, { name: '广东产业信息', parentId: industry.id, slug: 'guangdong' });
    const guides = createCategory(db, { name: '使用指南', parentId: null, slug: 'guides' });
    setSettings(db, {
      siteName: '产业信息网',
      copyright: '版权声明：本站原创文章，转载请注明出处。',
      contactBlock: '投稿与合作请联系编辑部。',
    });

    createArticle(db, {
      title: '都昌新材料及智能装备产业园项目调度会议召开',
      status: 'draft',
      author: '编辑部',
      byline: '本网记者/文',
      categoryId: guangdong.id,
      tags: ['新材料', '产业园', '项目建设'],
      body: body([
        ['p', '10月24日，都昌县召开新材料及智能装备产业园项目调度会议，研究部署项目建设的下一步工作。'],
        ['h2', '会议要点'],
        ['p', '会议要求各部门列出时间表、形成路线图，建立问题台账，专人专班推进项目加快建设。'],
        ['p', '这是一篇示例稿件：试着修改标题和正文，改动会自动保存。'],
      ]),
    });
    createArticle(db, {
      title: '广东制造业数字化转型观察',
      status: 'in_review',
      author: '编辑部',
      categoryId: industry.id,
      tags: ['数字化', '制造业'],
      body: body([
        ['p', '越来越多的广东制造企业把生产数据接入统一平台，以数据驱动排产、质检和供应链协同。'],
        ['p', '本文为示例内容，可在“标签”和“分类”中查看它的归属。'],
      ]),
    });
    createArticle(db, {
      title: '欢迎使用Copydesk',
      status: 'ready',
      author: '编辑部',
      categoryId: guides.id,
      tags: ['入门'],
      body: body([
        ['p', 'Copydesk把整个文章库保存在这台电脑上的一个文件里，断网也能照常工作。'],
        ['h2', '开始使用'],
        ['p', '点击“新建文章”写一篇稿件，为它选择分类、加上标签，再导出为HTML或Markdown发布到网站。'],
        ['p', '输入时改动会自动保存。'],
      ]),
    });
  }).immediate();
}

type Block = ['p' | 'h2', string];

function body(blocks: Block[]): SerializedEditorState {
  const state = emptyBody();
  state.root.children = blocks.map(([kind, text]) =>
    kind === 'h2' ? headingNode('h2', [textNode(text)]) : paragraphNode([textNode(text)]),
  );
  return state;
}
