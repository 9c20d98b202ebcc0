/**
 * The bundled picture set for Woorden en Plaatjes and the Drie Huizen:
 * simple drawings as inline SVG (no downloads, no external files, no style
 * attributes — CSP), each with its Dutch name as accessible text. Uploaded
 * pictures are served by the picture route, which checks who may see them.
 */
import type { ReactNode } from 'react';
import { BUNDLED_PICTURE_LABELS, parsePictureRef, type BundledPicture } from '../../domain/childVoice';

const INK = '#24323a';
const S = { stroke: INK, strokeWidth: 2.5, strokeLinejoin: 'round' as const, strokeLinecap: 'round' as const };

const face = (cx: number, cy: number, r: number, fill: string, mouth: 'smile' | 'sad' = 'smile') => (
  <>
    <circle cx={cx} cy={cy} r={r} fill={fill} {...S} />
    <circle cx={cx - r / 3} cy={cy - r / 5} r={1.6} fill={INK} />
    <circle cx={cx + r / 3} cy={cy - r / 5} r={1.6} fill={INK} />
    {mouth === 'smile' ? (
      <path d={`M${cx - r / 2.5} ${cy + r / 4} Q${cx} ${cy + r / 1.6} ${cx + r / 2.5} ${cy + r / 4}`} fill="none" {...S} />
    ) : (
      <path d={`M${cx - r / 2.5} ${cy + r / 2} Q${cx} ${cy + r / 6} ${cx + r / 2.5} ${cy + r / 2}`} fill="none" {...S} />
    )}
  </>
);

const DRAWINGS: Record<BundledPicture, ReactNode> = {
  huis: (
    <>
      <path d="M10 30 L32 10 L54 30" fill="#e9775b" {...S} />
      <rect x="15" y="29" width="34" height="26" fill="#f6e7c8" {...S} />
      <rect x="28" y="40" width="9" height="15" fill="#8a5a3c" {...S} />
      <rect x="19" y="34" width="7" height="7" fill="#9fd3f0" {...S} />
    </>
  ),
  school: (
    <>
      <rect x="8" y="24" width="48" height="31" fill="#f3d27a" {...S} />
      <path d="M6 25 L32 11 L58 25" fill="#c0504d" {...S} />
      <rect x="27" y="40" width="10" height="15" fill="#8a5a3c" {...S} />
      <rect x="13" y="31" width="8" height="7" fill="#9fd3f0" {...S} />
      <rect x="43" y="31" width="8" height="7" fill="#9fd3f0" {...S} />
      <circle cx="32" cy="30" r="3.5" fill="#fff" {...S} />
    </>
  ),
  oma: (
    <>
      <circle cx="32" cy="13" r="6" fill="#d9d9d9" {...S} />
      {face(32, 25, 10, '#f4c9a0')}
      <circle cx="28.5" cy="23" r="3" fill="none" {...S} />
      <circle cx="35.5" cy="23" r="3" fill="none" {...S} />
      <path d="M18 58 Q20 38 32 37 Q44 38 46 58 Z" fill="#a77bc9" {...S} />
    </>
  ),
  telefoon: (
    <>
      <rect x="20" y="6" width="24" height="52" rx="5" fill="#4a6fa5" {...S} />
      <rect x="24" y="12" width="16" height="34" fill="#dff1fb" {...S} />
      <circle cx="32" cy="52" r="2.5" fill="#fff" {...S} />
    </>
  ),
  bed: (
    <>
      <rect x="6" y="30" width="52" height="14" fill="#9fc7e8" {...S} />
      <rect x="10" y="24" width="14" height="8" rx="3" fill="#fff" {...S} />
      <path d="M6 20 V52 M58 34 V52" fill="none" {...S} />
      <path d="M40 14 h6 l-6 7 h6" fill="none" {...S} />
    </>
  ),
  hart: <path d="M32 54 C10 38 6 26 14 17 C21 10 29 13 32 20 C35 13 43 10 50 17 C58 26 54 38 32 54 Z" fill="#e05a6b" {...S} />,
  zon: (
    <>
      <circle cx="32" cy="32" r="12" fill="#f7c948" {...S} />
      {[0, 45, 90, 135, 180, 225, 270, 315].map((a) => (
        <line key={a} x1="32" y1="10" x2="32" y2="4" transform={`rotate(${a} 32 32)`} {...S} />
      ))}
    </>
  ),
  wolk: (
    <>
      <path d="M16 36 Q8 36 9 28 Q10 21 18 22 Q21 12 32 13 Q42 13 44 22 Q54 21 55 29 Q55 36 47 36 Z" fill="#c9d3dc" {...S} />
      <path d="M20 43 l-3 7 M32 43 l-3 7 M44 43 l-3 7" fill="none" stroke="#4a90c2" strokeWidth={2.5} strokeLinecap="round" />
    </>
  ),
  politie: (
    <>
      <rect x="8" y="28" width="48" height="18" rx="4" fill="#fff" {...S} />
      <path d="M16 28 L22 18 H42 L48 28" fill="#dff1fb" {...S} />
      <rect x="28" y="12" width="8" height="6" fill="#4a90c2" {...S} />
      <rect x="8" y="34" width="48" height="5" fill="#2f5fa7" />
      <circle cx="18" cy="48" r="5" fill={INK} />
      <circle cx="46" cy="48" r="5" fill={INK} />
    </>
  ),
  dokter: (
    <>
      {face(32, 20, 10, '#f4c9a0')}
      <path d="M16 58 Q18 34 32 33 Q46 34 48 58 Z" fill="#fff" {...S} />
      <path d="M32 40 v10 M27 45 h10" stroke="#d64545" strokeWidth={3} strokeLinecap="round" />
    </>
  ),
  spelen: (
    <>
      <circle cx="32" cy="34" r="18" fill="#f29e4c" {...S} />
      <path d="M14 34 H50 M32 16 V52" fill="none" {...S} />
      <path d="M19 21 Q32 34 19 47 M45 21 Q32 34 45 47" fill="none" {...S} />
    </>
  ),
  eten: (
    <>
      <ellipse cx="32" cy="40" rx="24" ry="10" fill="#fff" {...S} />
      <circle cx="25" cy="37" r="5" fill="#e05a6b" {...S} />
      <rect x="31" y="34" width="12" height="6" rx="2" fill="#f3d27a" {...S} />
      <path d="M14 10 V28 M50 10 V28" fill="none" {...S} />
    </>
  ),
  gezin: (
    <>
      {face(18, 20, 8, '#f4c9a0')}
      {face(46, 20, 8, '#e0b088')}
      {face(32, 36, 6, '#f4c9a0')}
      <path d="M8 58 Q10 32 18 31 Q26 32 26 58 Z" fill="#6aa84f" {...S} />
      <path d="M38 58 Q38 32 46 31 Q54 32 56 58 Z" fill="#4a6fa5" {...S} />
      <path d="M25 58 Q26 45 32 44 Q38 45 39 58 Z" fill="#f29e4c" {...S} />
    </>
  ),
  boom: (
    <>
      <rect x="28" y="36" width="8" height="20" fill="#8a5a3c" {...S} />
      <circle cx="32" cy="26" r="16" fill="#6aa84f" {...S} />
    </>
  ),
  ster: <path d="M32 6 L39 24 L58 24 L43 36 L49 55 L32 44 L15 55 L21 36 L6 24 L25 24 Z" fill="#f7c948" {...S} />,
  traan: (
    <>
      {face(32, 32, 22, '#f7d98b', 'sad')}
      <path d="M22 32 Q20 38 22 40 Q25 38 22 32 Z" fill="#4a90c2" />
    </>
  ),
};

/** One bundled drawing at a given size (CSS decides the size through the class); `decorative` ones are hidden from screen readers. */
export function BundledDrawing({ name, className = 'picture', decorative = false }: { name: BundledPicture; className?: string; decorative?: boolean }) {
  const a11y = decorative ? { 'aria-hidden': true as const } : { role: 'img', 'aria-label': BUNDLED_PICTURE_LABELS[name] };
  return (
    <svg viewBox="0 0 64 64" className={className} {...a11y}>
      {DRAWINGS[name]}
    </svg>
  );
}

/** A stored picture reference shown: a bundled drawing, or an uploaded picture from the checked picture route. */
export function Picture({ value, caseId, className = 'picture' }: { value: string | null; caseId: string; className?: string }) {
  const ref = parsePictureRef(value);
  if (!ref) return null;
  if (ref.kind === 'bundled') return <BundledDrawing name={ref.name} className={className} />;
  return <img src={`/casussen/${caseId}/plaatjes/${ref.id}`} alt="Plaatje" className={className} loading="lazy" />;
}
