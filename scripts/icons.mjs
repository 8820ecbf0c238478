// Draws the app icons the web app manifest names (web/icon-*.png) from the same shapes
// as style/favicon.svg: a blue rounded square with two interlocking rings. Browsers
// want PNG icons of 192 and 512 px to install an app; the "maskable" one fills the
// whole square and keeps the rings inside the safe zone, for platforms that crop icons
// to a circle or squircle. Only Node built-ins, so no image tool is needed:
//
//   node scripts/icons.mjs     (rewrites web/icon-192.png, icon-512.png, icon-maskable-512.png)
//
// Run it again after changing style/favicon.svg, and commit the PNGs.
import { deflateSync } from "node:zlib";
import { writeFileSync } from "node:fs";

const BLUE = [0x2f, 0x5b, 0xd3], WHITE = [0xff, 0xff, 0xff], YELLOW = [0xff, 0xd1, 0x66];

/** The colour at (x, y) in the favicon's 32×32 space, or null outside the icon. */
function shape(x, y, { maskable }) {
  if (maskable) {
    // Full bleed, rings scaled to 70 % around the centre (inside the 80 % safe circle).
    x = 16 + (x - 16) / 0.7;
    y = 16 + (y - 16) / 0.7;
  } else if (!insideRoundedSquare(x, y, 32, 7)) {
    return null;
  }
  const ring = (cx) => Math.abs(Math.hypot(x - cx, y - 16) - 6) <= 1.5;
  if (ring(20)) return YELLOW; // drawn last in the SVG, so on top
  if (ring(12)) return WHITE;
  return BLUE;
}

function insideRoundedSquare(x, y, size, r) {
  const dx = Math.max(r - x, 0, x - (size - r));
  const dy = Math.max(r - y, 0, y - (size - r));
  return x >= 0 && y >= 0 && x <= size && y <= size && dx * dx + dy * dy <= r * r;
}

/** RGBA rows with 4×4 supersampling for smooth edges, each row prefixed by filter 0. */
function render(size, options) {
  const n = 4;
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let py = 0; py < size; py++) {
    rows[py * (size * 4 + 1)] = 0;
    for (let px = 0; px < size; px++) {
      let r = 0, g = 0, b = 0, a = 0;
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const c = shape(((px + (sx + 0.5) / n) * 32) / size, ((py + (sy + 0.5) / n) * 32) / size, options);
          if (c) { r += c[0]; g += c[1]; b += c[2]; a += 1; }
        }
      }
      const at = py * (size * 4 + 1) + 1 + px * 4;
      if (a) { rows[at] = r / a; rows[at + 1] = g / a; rows[at + 2] = b / a; }
      rows[at + 3] = Math.round((a / (n * n)) * 255);
    }
  }
  return rows;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, "ascii");
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])));
  return Buffer.concat([head, data, crc]);
}
function png(size, options) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(render(size, options), { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

const here = new URL("../web/", import.meta.url);
writeFileSync(new URL("icon-192.png", here), png(192, { maskable: false }));
writeFileSync(new URL("icon-512.png", here), png(512, { maskable: false }));
writeFileSync(new URL("icon-maskable-512.png", here), png(512, { maskable: true }));
console.log("icons: wrote web/icon-192.png, web/icon-512.png, web/icon-maskable-512.png");
