import { z } from 'zod';
import { defineOperation } from '../contract.js';
import { Category, Id, Slug, Tag, LIMITS } from '../schemas.js';
import { createCategory, deleteCategory, listCategories, mergeCategories, moveCategory, renameCategory } from '../../taxonomy/categories.js';
import { createTag, deleteTag, listTags, mergeTags, renameTag } from '../../taxonomy/tags.js';

const Name = z.string().trim().min(1, 'a name is required').max(100);
const TagName = z.string().trim().min(1, 'a name is required').max(LIMITS.tagName);

export const taxonomyOperations = {
  'categories.list': defineOperation({
    summary: 'The category tree, depth-first, with breadcrumb paths and article counts.',
    input: z.strictObject({}),
    output: z.array(Category),
    handler: ({ db }) => listCategories(db),
  }),
  'categories.create': defineOperation({
    summary: 'Add a category under a parent (null: top level).',
    input: z.strictObject({ name: Name, parentId: Id.nullable().default(null), slug: Slug.optional() }),
    output: Category,
    handler: ({ db }, input) => createCategory(db, input),
  }),
  'categories.rename': defineOperation({
    summary: 'Rename a category (and optionally change its slug).',
    input: z.strictObject({ id: Id, name: Name, slug: Slug.optional() }),
    output: Category,
    handler: ({ db }, { id, name, slug }) => renameCategory(db, id, name, slug),
  }),
  'categories.move': defineOperation({
    summary: 'Move a category under another parent and/or to a position among its siblings.',
    input: z.strictObject({ id: Id, parentId: Id.nullable(), position: z.int().min(0).optional() }),
    output: Category,
    handler: ({ db }, { id, parentId, position }) => moveCategory(db, id, parentId, position),
  }),
  'categories.delete': defineOperation({
    summary: 'Delete a category, moving its articles to another (or none) and its children up.',
    input: z.strictObject({ id: Id, reassignTo: Id.nullable().default(null) }),
    output: z.object({ id: Id, reassigned: z.int() }),
    handler: ({ db }, { id, reassignTo }) => deleteCategory(db, id, reassignTo),
  }),
  'categories.merge': defineOperation({
    summary: 'Merge a category into another: its articles and sub-categories move to the target, then it is deleted (one transaction).',
    input: z.strictObject({ id: Id, into: Id }),
    output: z.object({ category: Category, moved: z.int() }),
    handler: ({ db }, { id, into }) => mergeCategories(db, id, into),
  }),
  'tags.list': defineOperation({
    summary: 'Every tag with the number of live articles carrying it.',
    input: z.strictObject({}),
    output: z.array(Tag),
    handler: ({ db }) => listTags(db),
  }),
  'tags.create': defineOperation({
    summary: 'Create a tag.',
    input: z.strictObject({ name: TagName }),
    output: Tag,
    handler: ({ db }, { name }) => createTag(db, name),
  }),
  'tags.rename': defineOperation({
    summary: 'Rename a tag (a name another tag has is refused: merge instead).',
    input: z.strictObject({ id: Id, name: TagName }),
    output: Tag,
    handler: ({ db }, { id, name }) => renameTag(db, id, name),
  }),
  'tags.merge': defineOperation({
    summary: 'Merge tags into one; their articles keep the union.',
    input: z.strictObject({ sourceIds: z.array(Id).min(1).max(1_000), targetId: Id }),
    output: Tag,
    handler: ({ db }, { sourceIds, targetId }) => mergeTags(db, sourceIds, targetId),
  }),
  'tags.delete': defineOperation({
    summary: 'Delete a tag (articles lose it).',
    input: z.strictObject({ id: Id }),
    output: z.object({ id: Id }),
    handler: ({ db }, { id }) => deleteTag(db, id),
  }),
};
