/**
 * The API's own rules for notes and tags, for checking input before sending it. They
 * come from the API package's dependency-free modules, so they are the server's rules
 * (not a copy) and importing them brings in no server code.
 */
export {
  isValidTag,
  normaliseTag,
  tagProblem,
  TAG_MAX_LENGTH,
  TAGS_PER_NOTE_MAX,
  type TagProblem,
} from '@scoped-notes/api/tag-rules';
export { BODY_MAX_LENGTH, SEARCH_MAX_LENGTH, TITLE_MAX_LENGTH } from '@scoped-notes/api/limits';
