/**
 * Arabic letters by Unicode joining group (ArabicShaping.txt, field Joining_Group), the classes the kashida
 * priority rules speak of. Only the groups those rules name are listed, with the letters of the Arabic,
 * Arabic Supplement and Arabic Extended-A blocks that Arabic, Persian, Urdu, Kurdish, Pashto and Sindhi use.
 * Right-joining groups (Alef, Dal, Reh, Waw, Teh Marbuta, Yeh Barree) take their final form inside a word too.
 */

export type JoiningGroup =
  | 'ALEF'
  | 'BEH'
  | 'NOON'
  | 'YEH'
  | 'FARSI_YEH'
  | 'YEH_BARREE'
  | 'YEH_WITH_TAIL'
  | 'TEH_MARBUTA'
  | 'HEH'
  | 'DAL'
  | 'REH'
  | 'SEEN'
  | 'SAD'
  | 'TAH'
  | 'AIN'
  | 'FEH'
  | 'QAF'
  | 'KAF'
  | 'GAF'
  | 'LAM'
  | 'WAW';

const GROUPS: Record<JoiningGroup, string> = {
  ALEF: '\u0622\u0623\u0625\u0627\u0671\u0672\u0673\u0675\u0773\u0774',
  BEH: '\u0628\u062a\u062b\u066e\u0679\u067a\u067b\u067c\u067d\u067e\u067f\u0680\u0750\u0751\u0752\u0753\u0754\u0755\u0756\u08a0\u08a1',
  NOON: '\u0646\u06b9\u06ba\u06bb\u06bc\u06bd\u0767\u0768\u0769',
  YEH: '\u0620\u0626\u0649\u064a\u0678\u06d0\u06d1\u0775\u0776\u0777',
  FARSI_YEH: '\u063d\u063e\u063f\u06cc\u06ce',
  YEH_BARREE: '\u06d2\u06d3',
  YEH_WITH_TAIL: '\u06cd',
  TEH_MARBUTA: '\u0629\u06c0\u06d5',
  HEH: '\u0647',
  DAL: '\u062f\u0630\u0688\u0689\u068a\u068b\u068c\u068d\u068e\u068f\u0690\u06ee\u0759\u075a',
  REH: '\u0631\u0632\u0691\u0692\u0693\u0694\u0695\u0696\u0697\u0698\u0699\u06ef\u075b\u076b\u076c\u0771',
  SEEN: '\u0633\u0634\u069a\u069b\u069c\u06fa\u075c\u076d\u0770\u077d\u077e',
  SAD: '\u0635\u0636\u069d\u069e\u06fb',
  TAH: '\u0637\u0638\u069f',
  AIN: '\u0639\u063a\u06a0\u06fc\u075d\u075e\u075f',
  FEH: '\u0641\u06a1\u06a2\u06a3\u06a4\u06a5\u06a6\u0760\u0761',
  QAF: '\u0642\u066f\u06a7\u06a8',
  KAF: '\u0643\u06ac\u06ad\u06ae\u077f',
  GAF: '\u06a9\u06aa\u06ab\u06af\u06b0\u06b1\u06b2\u06b3\u06b4\u0762\u0763\u0764',
  LAM: '\u0644\u06b5\u06b6\u06b7\u06b8\u076a',
  WAW: '\u0624\u0648\u0676\u0677\u06c4\u06c5\u06c6\u06c7\u06c8\u06c9\u06ca\u06cb\u06cf\u0778\u0779',
};

// Looked up for every letter of every justified line: an array indexed by code point (all the letters above
// are in U+0600–U+08FF), not a map of strings.
const FIRST = 0x0600;
const NAMES = Object.keys(GROUPS) as JoiningGroup[];
const GROUP_OF = new Uint8Array(0x0900 - FIRST); // index in NAMES + 1; 0: none of these groups
NAMES.forEach((group, k) => {
  for (const letter of GROUPS[group]) GROUP_OF[letter.charCodeAt(0) - FIRST] = k + 1;
});

/** The joining group of an Arabic letter, if it is one of the groups above. */
export function joiningGroup(char: string): JoiningGroup | undefined {
  const index = char.charCodeAt(0) - FIRST;
  const k = index >= 0 && index < GROUP_OF.length ? GROUP_OF[index]! : 0;
  return k ? NAMES[k - 1] : undefined;
}

/** Beh and the letters that look like Beh in their medial form (LibreOffice's `isBehChar`). */
export function isBehLike(char: string): boolean {
  const group = joiningGroup(char);
  return group === 'BEH' || group === 'NOON' || group === 'YEH' || group === 'FARSI_YEH';
}

/** Yeh and the letters that look like Yeh in their final form (LibreOffice's `isYehChar`); Alef Maksura is one. */
export function isYehLike(char: string): boolean {
  const group = joiningGroup(char);
  return group === 'YEH' || group === 'FARSI_YEH' || group === 'YEH_BARREE' || group === 'YEH_WITH_TAIL';
}

export const TATWEEL = '\u0640';
export const ZWNJ = '\u200c';
