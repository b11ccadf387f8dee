#!/usr/bin/env node
/*
 * Draws the portal's icons in packages/app/public (favicon.ico, favicon-16x16.png,
 * favicon-32x32.png, apple-touch-icon.png, android-chrome-192x192.png) from the geometry of
 * public/favicon.svg: the OpenChoreo portal mark (a ring holding three points) on a dark tile.
 * No image tools needed: the shapes are circles and a rounded square, drawn with 4x4
 * supersampling and written as PNG (and an ICO holding PNGs). Run: node scripts/draw-portal-icons.js
 */
const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');

const TILE = [0x17, 0x1f, 0x2c];
const MARK = [0x7d, 0xf3, 0xe1];
const out = path.join(__dirname, '..', 'packages', 'app', 'public');

/** Colour of a point of the 64x64 icon, or undefined outside the tile. */
function colourAt(x, y) {
  // The rounded tile: 64x64, corner radius 14.
  const r = 14;
  const cx = Math.min(Math.max(x, r), 64 - r);
  const cy = Math.min(Math.max(y, r), 64 - r);
  if (x < 0 || y < 0 || x > 64 || y > 64 || Math.hypot(x - cx, y - cy) > r) {
    return undefined;
  }
  // The mark, drawn in its own 64-unit box scaled by 0.8125 and moved by 6.
  const mx = (x - 6) / 0.8125;
  const my = (y - 6) / 0.8125;
  const ring = Math.abs(Math.hypot(mx - 32, my - 32) - 25) <= 3.5;
  const dot = [
    [32, 21],
    [22, 38],
    [42, 38],
  ].some(([px, py]) => Math.hypot(mx - px, my - py) <= 6);
  return ring || dot ? MARK : TILE;
}

function rgba(size) {
  const data = Buffer.alloc(size * size * 4);
  const n = 4;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let red = 0;
      let green = 0;
      let blue = 0;
      let covered = 0;
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const c = colourAt(
            ((px + (sx + 0.5) / n) * 64) / size,
            ((py + (sy + 0.5) / n) * 64) / size,
          );
          if (!c) continue;
          red += c[0];
          green += c[1];
          blue += c[2];
          covered++;
        }
      }
      const i = (py * size + px) * 4;
      if (covered) {
        data[i] = Math.round(red / covered);
        data[i + 1] = Math.round(green / covered);
        data[i + 2] = Math.round(blue / covered);
      }
      data[i + 3] = Math.round((covered / (n * n)) * 255);
    }
  }
  return data;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, k) => {
  let c = k;
  for (let i = 0; i < 8; i++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buffer) {
  let c = 0xffffffff;
  for (const byte of buffer) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function png(size) {
  const pixels = rgba(size);
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    rows[y * (size * 4 + 1)] = 0; // filter: none
    pixels.copy(rows, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** An ICO file holding PNG images (read by every current browser). */
function ico(sizes) {
  const images = sizes.map(png);
  const header = Buffer.alloc(6 + 16 * sizes.length);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(sizes.length, 4);
  let offset = header.length;
  sizes.forEach((size, i) => {
    const entry = 6 + 16 * i;
    header[entry] = size >= 256 ? 0 : size;
    header[entry + 1] = size >= 256 ? 0 : size;
    header.writeUInt16LE(1, entry + 4); // colour planes
    header.writeUInt16LE(32, entry + 6); // bits per pixel
    header.writeUInt32LE(images[i].length, entry + 8);
    header.writeUInt32LE(offset, entry + 12);
    offset += images[i].length;
  });
  return Buffer.concat([header, ...images]);
}

const files = {
  'favicon-16x16.png': png(16),
  'favicon-32x32.png': png(32),
  'apple-touch-icon.png': png(180),
  'android-chrome-192x192.png': png(192),
  'favicon.ico': ico([16, 32, 48]),
};
for (const [name, data] of Object.entries(files)) {
  fs.writeFileSync(path.join(out, name), data);
  console.log(`${name}: ${data.length} bytes`);
}
