// The small equity curve under the account figures (the replica keeps a bounded list of points).
import { CanvasPanel, colours } from './canvas.js';
import { money } from './format.js';

export class EquityCurve extends CanvasPanel {
  constructor(canvas) {
    super(canvas);
    this.points = [];
  }

  setPoints(points) {
    // Points before the account's first report carry no equity (0); they would stretch the scale to zero.
    const list = points ?? [];
    const first = list.findIndex((p) => p.equity !== 0);
    this.points = first <= 0 ? list : list.slice(first);
    this.invalidate();
  }

  paint(ctx, w, h) {
    const pts = this.points;
    ctx.font = '10px ui-monospace, Menlo, Consolas, monospace';
    if (pts.length < 2) {
      ctx.fillStyle = colours.muted;
      ctx.fillText('equity curve: not enough points yet', 4, 12);
      return;
    }
    let min = Infinity;
    let max = -Infinity;
    for (const p of pts) {
      min = Math.min(min, p.equity);
      max = Math.max(max, p.equity);
    }
    if (max - min < 1e-9) {
      max += 1;
      min -= 1;
    }
    const t0 = pts[0].time;
    const t1 = pts[pts.length - 1].time || t0 + 1;
    const x = (t) => ((t - t0) / Math.max(1, t1 - t0)) * (w - 2) + 1;
    const y = (v) => h - 2 - ((v - min) / (max - min)) * (h - 14);
    ctx.beginPath();
    pts.forEach((p, i) => (i ? ctx.lineTo(x(p.time), y(p.equity)) : ctx.moveTo(x(p.time), y(p.equity))));
    const up = pts[pts.length - 1].equity >= pts[0].equity;
    ctx.strokeStyle = up ? colours.bid : colours.ask;
    ctx.lineWidth = 1.5;
    ctx.stroke();
    ctx.fillStyle = colours.muted;
    ctx.fillText(`max ${money(max)}`, 2, 9);
    ctx.textAlign = 'right';
    ctx.fillText(`min ${money(min)}`, w - 2, 9);
  }
}
