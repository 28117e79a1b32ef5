import fs from 'node:fs';
import path from 'node:path';
import type { WindowBounds } from './window-options.js';

/**
 * The main window's size and position, remembered in a small JSON file in the user-data folder.
 * Restored only where it is still visible: a monitor may have been unplugged since.
 */

export interface SavedWindowState extends WindowBounds {
  maximized?: boolean;
}

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export const DEFAULT_SIZE = { width: 1280, height: 820 };
const MIN = { width: 640, height: 420 };
/** How much of the window's top strip (title bar) must be on a screen to count as visible. */
const GRAB = { width: 120, height: 40 };

function isFiniteNumber(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

export function readWindowState(file: string): SavedWindowState | null {
  try {
    const raw = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
    if (!isFiniteNumber(raw.width) || !isFiniteNumber(raw.height)) return null;
    const state: SavedWindowState = { width: raw.width, height: raw.height, maximized: raw.maximized === true };
    if (isFiniteNumber(raw.x) && isFiniteNumber(raw.y)) {
      state.x = raw.x;
      state.y = raw.y;
    }
    return state;
  } catch {
    return null; // missing or damaged: start with the defaults
  }
}

export function writeWindowState(file: string, state: SavedWindowState): void {
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const tmp = `${file}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(state));
    fs.renameSync(tmp, file);
  } catch {
    // Remembering the window is a convenience; never let it stop the app from closing.
  }
}

function overlap(a: Rect, b: Rect): { width: number; height: number } {
  return {
    width: Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)),
    height: Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y)),
  };
}

/**
 * Fits a saved state to today's displays (their work areas; the first is the primary): size is
 * clamped to the largest work area, and a position whose title bar is not on any display is
 * dropped, so Electron centres the window on the primary display instead.
 */
export function fitToDisplays(saved: SavedWindowState | null, workAreas: readonly Rect[]): SavedWindowState {
  const primary = workAreas[0] ?? { x: 0, y: 0, ...DEFAULT_SIZE };
  const maxW = Math.max(...workAreas.map((a) => a.width), MIN.width);
  const maxH = Math.max(...workAreas.map((a) => a.height), MIN.height);
  const base = saved ?? { width: Math.min(DEFAULT_SIZE.width, primary.width), height: Math.min(DEFAULT_SIZE.height, primary.height) };
  const width = Math.round(Math.min(Math.max(base.width, MIN.width), maxW));
  const height = Math.round(Math.min(Math.max(base.height, MIN.height), maxH));
  const out: SavedWindowState = { width, height, maximized: saved?.maximized === true };
  if (saved && isFiniteNumber(saved.x) && isFiniteNumber(saved.y)) {
    const titleBar: Rect = { x: saved.x, y: saved.y, width, height: GRAB.height };
    const visible = workAreas.some((area) => {
      const o = overlap(titleBar, area);
      return o.width >= Math.min(GRAB.width, width) && o.height >= GRAB.height / 2;
    });
    if (visible) {
      out.x = Math.round(saved.x);
      out.y = Math.round(saved.y);
    }
  }
  return out;
}
