/**
 * Colour normalisation: Range.getBackground() reports colours as lowercase "#rrggbb"
 * (https://developers.google.com/apps-script/reference/spreadsheet/range#getBackground()), and
 * setBackground accepts CSS notation such as '#fff' or 'red'
 * (https://developers.google.com/apps-script/reference/spreadsheet/range#setBackground(String)).
 */
import { ScriptException } from './runtime.js';

const NAMED_COLORS: Record<string, string> = {
  black: '#000000',
  white: '#ffffff',
  red: '#ff0000',
  green: '#008000',
  lime: '#00ff00',
  blue: '#0000ff',
  yellow: '#ffff00',
  orange: '#ffa500',
  purple: '#800080',
  gray: '#808080',
  grey: '#808080',
  silver: '#c0c0c0',
  cyan: '#00ffff',
  magenta: '#ff00ff',
  pink: '#ffc0cb',
  brown: '#a52a2a',
  navy: '#000080',
  teal: '#008080',
  maroon: '#800000',
  olive: '#808000',
};

export function normalizeColor(color: string): string {
  const text = color.trim().toLowerCase();
  const named = NAMED_COLORS[text];
  if (named) return named;
  if (/^#[0-9a-f]{6}$/.test(text)) return text;
  if (/^#[0-9a-f]{3}$/.test(text)) {
    return `#${[...text.slice(1)].map((digit) => digit + digit).join('')}`;
  }
  throw new ScriptException(`Invalid color: ${color}`);
}
