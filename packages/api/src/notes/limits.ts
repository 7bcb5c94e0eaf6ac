export const TITLE_MAX_LENGTH = 200;
export const BODY_MAX_LENGTH = 100_000;
