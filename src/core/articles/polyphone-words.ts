/**
 * Words pinyin-pro's built-in phrase dictionary reads with the wrong sound of a polyphone,
 * added to it for slugs (`还款` is huán kuǎn, not hái kuǎn). Each was checked against pinyin-pro
 * before going in: a word it already reads right does not belong here.
 */
export const POLYPHONE_WORDS: Record<string, string> = {
  还款: 'huán kuǎn',
  还贷: 'huán dài',
  还本: 'huán běn',
  还钱: 'huán qián',
  还给: 'huán gěi',
  还息: 'huán xī',
  还账: 'huán zhàng',
  还车: 'huán chē',
  还书: 'huán shū',
  借还: 'jiè huán',
  粘贴: 'zhān tiē',
  处长: 'chù zhǎng',
  局长: 'jú zhǎng',
  乡长: 'xiāng zhǎng',
  处在: 'chǔ zài',
  重组: 'chóng zǔ',
  重写: 'chóng xiě',
};
