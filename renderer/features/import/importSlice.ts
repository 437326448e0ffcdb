import { createSlice, type PayloadAction } from '@reduxjs/toolkit';
import type { ImportProgress, ImportSummary } from '../../../preload/contract';
import { createAppThunk } from '../../app/hooks';
import { messageOf } from '../../app/requestError';
import { importApi } from './api';

/** Opens the system file dialog (Electron) and starts an import of what was picked. */
export const pickAndStartImport = createAppThunk('imports/pick', async (_: void, { dispatch, rejectWithValue }) => {
  const picked = await dispatch(importApi.endpoints.pickImportPaths.initiate());
  if (!picked.data) return rejectWithValue(messageOf(picked.error, 'The file dialog could not open'));
  const { supported, paths, roots } = picked.data;
  const started = supported && paths.length > 0 && !!(await dispatch(importApi.endpoints.startImport.initiate({ paths }))).data;
  return { supported, started, roots: roots ?? null };
});

interface ImportState {
  dialogOpen: boolean;
  /** False in the browser host: the agent types a path instead of using the system dialog. */
  pickerSupported: boolean | null;
  /** The folders the browser host may import from (typed paths elsewhere are refused). */
  importRoots: string[] | null;
  running: ImportProgress | null;
  last: ImportSummary | null;
  error: string | null;
}

const initialState: ImportState = { dialogOpen: false, pickerSupported: null, importRoots: null, running: null, last: null, error: null };

const slice = createSlice({
  name: 'imports',
  initialState,
  reducers: {
    importDialogOpened: (state) => {
      state.dialogOpen = true;
      state.error = null;
    },
    importDialogClosed: (state) => {
      state.dialogOpen = false;
    },
    importProgressed: (state, action: PayloadAction<ImportProgress>) => {
      state.running = action.payload;
    },
    /** Main's `import.finished`; cached patient data is invalidated by app/appListeners.ts. */
    importFinished: (state, action: PayloadAction<ImportSummary>) => {
      state.running = null;
      state.last = action.payload;
    },
  },
  extraReducers: (b) => {
    b.addCase(pickAndStartImport.fulfilled, (state, action) => {
      state.pickerSupported = action.payload.supported;
      state.importRoots = action.payload.roots;
      if (action.payload.started) state.dialogOpen = true;
    });
    b.addCase(pickAndStartImport.rejected, (state, action) => {
      state.error = action.payload ?? 'The file dialog could not open';
    });
    b.addMatcher(importApi.endpoints.importStatus.matchFulfilled, (state, action) => {
      state.running = action.payload.running;
      state.last = action.payload.last;
    });
    b.addMatcher(importApi.endpoints.startImport.matchPending, (state) => {
      state.error = null;
    });
    b.addMatcher(importApi.endpoints.startImport.matchRejected, (state, action) => {
      state.error = messageOf(action.payload ?? action.error, 'The import could not start');
    });
  },
});

export const { importDialogOpened, importDialogClosed, importProgressed, importFinished } = slice.actions;
export const importReducer = slice.reducer;
