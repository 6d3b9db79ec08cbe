#!/usr/bin/env node
// Draws the Teams app icons (color.png 192x192, outline.png 32x32) with Node built-ins only, so they can be
// regenerated anywhere and the output is byte-for-byte the same. Usage: node manifests/teams/make-icons.mjs
// The motif is the partnership's RAG scorecard: three rising bars on a baseline.
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';
import { crc32 } from './crc32.mjs';

const here = dirname(fileURLToPath(import.meta.url));

/** An RGBA canvas with rectangle filling (optionally with rounded top corners). */
function canvas(size, background) {
  const px = Buffer.alloc(size * size * 4);
  for (let i = 0; i < size * size; i++) px.writeUInt32BE(background, i * 4);
  return {
    size,
    px,
    rect(x0, y0, x1, y1, rgba, radius = 0) {
      for (let y = y0; y < y1; y++) {
        for (let x = x0; x < x1; x++) {
          if (radius && y < y0 + radius) {
            // Leave the pixels outside a quarter circle at each top corner untouched.
            const cx = x < x0 + radius ? x0 + radius - 0.5 : x >= x1 - radius ? x1 - radius - 0.5 : x + 0.5;
            const cy = y0 + radius - 0.5;
            if ((x + 0.5 - cx) ** 2 + (y + 0.5 - cy) ** 2 > radius * radius) continue;
          }
          px.writeUInt32BE(rgba, (y * size + x) * 4);
        }
      }
    },
  };
}

function chunk(type, data) {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const out = Buffer.alloc(body.length + 8);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body), body.length + 4);
  return out;
}

/** A truecolour-with-alpha, 8-bit, non-interlaced PNG; every row uses filter 0 (none). */
function png({ size, px }) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type RGBA
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) px.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const WHITE = 0xffffffff;
const TRANSPARENT = 0x00000000;

// Colour icon: full-bleed accent background (Teams masks the corners itself), bars Red, Amber, Green.
const color = canvas(192, 0x1b3a5cff);
const bars = [
  { x: 44, h: 44, rgba: 0xd13438ff },
  { x: 82, h: 74, rgba: 0xf2a900ff },
  { x: 120, h: 104, rgba: 0x13a10eff },
];
for (const b of bars) color.rect(b.x, 146 - b.h, b.x + 28, 146, b.rgba, 6);
color.rect(36, 146, 156, 154, WHITE);

// Outline icon: white on transparent only, as Teams requires.
const outline = canvas(32, TRANSPARENT);
for (const [x, h] of [[7, 8], [14, 13], [21, 18]]) outline.rect(x, 23 - h, x + 5, 23, WHITE);
outline.rect(5, 24, 28, 26, WHITE);

writeFileSync(join(here, 'color.png'), png(color));
writeFileSync(join(here, 'outline.png'), png(outline));
console.log('wrote color.png (192x192) and outline.png (32x32)');
