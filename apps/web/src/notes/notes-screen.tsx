import { useId, useRef, useState } from 'react';

import { AppHeader } from '../app/app-header';
import { SessionsPanel } from '../sessions/sessions-panel';
import { NewNoteForm } from './new-note-form';
import { NoteList } from './note-list';
import { useNoteFilter } from './use-note-filter';

export function NotesScreen() {
  const sessionsPanelId = useId();
  const [sessionsOpen, setSessionsOpen] = useState(false);
  const newTitleRef = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  const filter = useNoteFilter();

  return (
    <div className="notes-screen">
      <AppHeader
        sessionsPanelId={sessionsPanelId}
        sessionsOpen={sessionsOpen}
        onToggleSessions={() => setSessionsOpen((open) => !open)}
      />
      <main className="notes-main">
        {sessionsOpen && <SessionsPanel id={sessionsPanelId} />}
        <NewNoteForm titleRef={newTitleRef} listInput={filter.input} />
        <NoteList filter={filter} onStartWriting={() => newTitleRef.current?.focus()} />
      </main>
    </div>
  );
}
