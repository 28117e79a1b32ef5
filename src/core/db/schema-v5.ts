/**
 * Step 5: `articles.slug_manual`. An article's slug follows its title until the editor sets the
 * slug by hand or the article is first published (a published URL must not move). Existing
 * articles keep their slugs, except unpublished ones still holding the placeholder a title-less
 * article got (`article`, `article-2`…): nobody chose those, so they start following the title.
 */
export const SCHEMA_V5 = `
ALTER TABLE articles ADD COLUMN slug_manual INTEGER NOT NULL DEFAULT 1;
UPDATE articles SET slug_manual = 0
  WHERE published_at IS NULL AND status NOT IN ('published', 'archived')
    AND (slug = 'article' OR (slug GLOB 'article-[0-9]*' AND substr(slug, 9) NOT GLOB '*[^0-9]*'));
`;
