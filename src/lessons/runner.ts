import { perform, type LessonTarget } from './actions';
import { checkpointMet, type LessonView } from './checkpoints';
import type { Lesson, LessonStep } from './format';

/** A replay to a saved step gives each checkpoint this much virtual time to be met. */
const REPLAY_BUDGET_MS = 30_000;
/** …looking at the cluster this often (virtual ms). */
const REPLAY_SLICE_MS = 20;

/**
 * One lesson on one engine: which step the learner is on, whether its checkpoint is met, and the
 * moves between steps. The engine starts paused at virtual time 0 (Start over goes back there by
 * time travel), so a lesson is a function of its seed and of what the learner does.
 *
 * Each step begins 1 virtual ms after the previous one ended, and that instant is kept: a rewind
 * to it (time travel) restores the cluster exactly as the step found it, before its own actions.
 */
export class LessonRunner {
  private index = 0;
  private metNow = false;
  private begin: LessonView | null = null;
  private readonly beganAt: number[] = [];
  /** A move is under way: states seen meanwhile are from before it ended (observe ignores them). */
  private moving = 0;

  constructor(readonly lesson: Lesson, private readonly target: LessonTarget) {}

  get stepIndex(): number {
    return this.index;
  }

  get step(): LessonStep {
    return this.lesson.steps[this.index]!;
  }

  get met(): boolean {
    return this.metNow || !this.step.checkpoint;
  }

  /** Go to the start, then replay the steps before `step` as "Show me" does them, at once. */
  open(step = 0, met = false): Promise<void> {
    return this.alone(() => this.openAt(step, met));
  }

  private async openAt(step: number, met: boolean): Promise<void> {
    await this.target.seek(0);
    this.target.fork();
    this.beganAt.length = 0;
    for (let i = 0; i < step; i++) {
      await this.enter(i, true);
      await this.act(this.lesson.steps[i]!.showMe ?? [], true);
      await this.replayUntilMet();
    }
    await this.enter(step, false);
    if (met) {
      await this.act(this.step.showMe ?? [], true);
      await this.replayUntilMet();
    }
  }

  /**
   * The cluster as it is now: latches the checkpoint once met, and pauses the clock there so the
   * learner can read what happened. True when the checkpoint was just met.
   */
  observe(now: LessonView): boolean {
    return this.moving === 0 && this.check(now);
  }

  private check(now: LessonView): boolean {
    if (this.metNow || !this.begin || !this.step.checkpoint) return false;
    if (!checkpointMet(this.step.checkpoint, now, this.begin)) return false;
    this.metNow = true;
    this.target.pause();
    return true;
  }

  /** "Show me": the learner's action done for them. */
  showMe(): Promise<void> {
    return this.alone(() => this.act(this.step.showMe ?? [], false));
  }

  next(): Promise<void> {
    if (this.index + 1 >= this.lesson.steps.length) throw new Error('this is the last step');
    return this.alone(() => this.enter(this.index + 1, false));
  }

  startOver(): Promise<void> {
    return this.open(0);
  }

  /** Run one move; the cluster is looked at once it is done. */
  private async alone(move: () => Promise<void>): Promise<void> {
    this.moving++;
    try {
      await move();
    } finally {
      this.moving--;
    }
    this.check(this.target.view());
  }

  private async enter(index: number, fast: boolean): Promise<void> {
    this.index = index;
    this.metNow = false;
    this.begin = null;
    this.target.pause();
    await this.target.settle();
    this.beganAt[index] = this.target.now();
    await this.target.seek(this.target.now() + 1);
    await this.act(this.lesson.steps[index]!.setup ?? [], fast);
    this.begin = this.target.view();
    this.check(this.begin);
  }

  private async act(actions: LessonStep['showMe'] & object, fast: boolean): Promise<void> {
    for (const action of actions) await perform(action, this.target, { fast, beganAt: this.beganAt });
    await this.target.settle();
  }

  /** Replaying: let time pass at once until the step's checkpoint is met (it was, when the learner did it). */
  private async replayUntilMet(): Promise<void> {
    const deadline = this.target.now() + REPLAY_BUDGET_MS;
    while (!this.met) {
      if (this.check(this.target.view())) break;
      if (this.target.now() >= deadline) throw new Error(`step ${this.index + 1}'s checkpoint was not met within ${REPLAY_BUDGET_MS / 1000} s of virtual time`);
      await this.target.seek(this.target.now() + REPLAY_SLICE_MS);
    }
  }
}
