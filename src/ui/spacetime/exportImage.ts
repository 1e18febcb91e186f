/**
 * The diagram as files for slides: the SVG as drawn (colours are attributes,
 * so it looks the same anywhere), and a PNG rendered from that SVG at twice
 * the screen's pixels (sharp on a projector and in a slide deck).
 */
export const PNG_SCALE = 2;

export function svgText(el: SVGSVGElement): string {
  return new XMLSerializer().serializeToString(el);
}

/** Draw the SVG into a canvas `scale` times its size and encode it as PNG. */
export async function pngOf(el: SVGSVGElement, scale = PNG_SCALE): Promise<Blob> {
  const width = Math.round(el.width.baseVal.value);
  const height = Math.round(el.height.baseVal.value);
  const url = URL.createObjectURL(new Blob([svgText(el)], { type: 'image/svg+xml' }));
  try {
    const img = new Image(width, height);
    img.src = url;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = width * scale;
    canvas.height = height * scale;
    const g = canvas.getContext('2d');
    if (!g) throw new Error('no 2D canvas');
    g.scale(scale, scale);
    g.drawImage(img, 0, 0, width, height);
    return await new Promise<Blob>((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('PNG encoding failed'))), 'image/png'));
  } finally {
    URL.revokeObjectURL(url);
  }
}
