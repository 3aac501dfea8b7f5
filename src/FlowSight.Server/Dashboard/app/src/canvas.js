// Canvas sizing: the backing store follows the element's CSS size × devicePixelRatio, watched by a ResizeObserver
// that only marks the owner dirty (the drawing itself happens in the next animation frame).

export function watchSize(canvas, onResize) {
  const observer = new ResizeObserver(() => onResize());
  observer.observe(canvas);
  return observer;
}

/** Resizes the backing store when needed; returns {ctx, w, h} in CSS pixels with the transform set. */
export function prepare(canvas) {
  const dpr = window.devicePixelRatio || 1;
  const w = Math.max(1, canvas.clientWidth);
  const h = Math.max(1, canvas.clientHeight);
  const bw = Math.round(w * dpr);
  const bh = Math.round(h * dpr);
  if (canvas.width !== bw || canvas.height !== bh) {
    canvas.width = bw;
    canvas.height = bh;
  }
  const ctx = canvas.getContext('2d');
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, w, h);
  return { ctx, w, h };
}

export const colours = {
  bid: '#26a69a',
  ask: '#ef5350',
  bidBar: 'rgba(38, 166, 154, 0.22)',
  askBar: 'rgba(239, 83, 80, 0.22)',
  text: '#dee2e6',
  muted: '#8f969c',
  grid: 'rgba(255, 255, 255, 0.08)',
  order: '#ffca28',
  spreadBg: 'rgba(255, 255, 255, 0.05)',
};

// One animation-frame callback for all painters, requested only when something changed.
const painters = new Set();
let pending = false;

/** Registers a function called in each requested animation frame. */
export function addPainter(paint) {
  painters.add(paint);
}

/** Asks for a frame (coalesced: any number of calls before it give one frame). */
export function requestPaint() {
  if (pending) return;
  pending = true;
  requestAnimationFrame(() => {
    pending = false;
    for (const paint of painters) paint();
  });
}

/**
 * A panel drawn on a canvas: redrawn in the next animation frame after invalidate() (any number of calls give one
 * redraw) and whenever the canvas is resized. Subclasses implement paint(ctx, w, h).
 */
export class CanvasPanel {
  constructor(canvas) {
    this.canvas = canvas;
    this.dirty = true;
    watchSize(canvas, () => this.invalidate());
    addPainter(() => this.draw());
  }

  invalidate() {
    this.dirty = true;
    requestPaint();
  }

  draw() {
    if (!this.dirty) return;
    this.dirty = false;
    const { ctx, w, h } = prepare(this.canvas);
    this.paint(ctx, w, h);
  }
}
