/**
 * The family home's view of the trajectory, in plain Dutch (B1): what
 * happens now, when there will be a look again, and honestly what happens if
 * the plan does not work — the words come from app/domain/trajectory.ts, the
 * one place they live. Plus the case events since the last visit, as the
 * family reads them (describeEventForFamily). The data is made on the server
 * (server/cases/familyTrajectory.server.ts).
 */
import { CalendarClock, Compass, LifeBuoy } from 'lucide-react';
import type { WhatHappensNowData } from '../../domain/trajectory';

export function WhatHappensNow({ data }: { data: WhatHappensNowData }) {
  return (
    <section className="card what-now" aria-labelledby="wat-nu">
      <h2 id="wat-nu">
        <Compass aria-hidden="true" size={20} /> Wat gebeurt er nu?
      </h2>
      <p>{data.now}</p>
      <h3 id="wanneer-kijken">
        <CalendarClock aria-hidden="true" size={18} /> Wanneer wordt er weer gekeken?
      </h3>
      <p>{data.whenNext}</p>
      <h3 id="wat-als-niet">
        <LifeBuoy aria-hidden="true" size={18} /> Wat als het plan niet werkt?
      </h3>
      <p>{data.ifNotWorking}</p>
    </section>
  );
}

/** The events since the last visit, for the "Wat is er veranderd" section. Nothing when there are none. */
export function FamilyEvents({ events }: { events: WhatHappensNowData['events'] }) {
  if (events.length === 0) return null;
  return (
    <ul className="changes family-events">
      {events.map((e) => (
        <li key={e.id}>{e.text}</li>
      ))}
    </ul>
  );
}
