using Pipeline.Scheduler.Engine.Queries;

namespace Pipeline.Scheduler.Dashboard;

/// <summary>
/// A DAG read top to bottom: level 1 holds the tasks with no upstream, and each other task sits one level below
/// its deepest upstream, so every task appears after everything it waits for.
/// </summary>
public static class DagLevels
{
    public static IReadOnlyList<(int Level, TaskView Task)> Order(IReadOnlyList<TaskView> tasks)
    {
        var byName = tasks.ToDictionary(t => t.Name, StringComparer.Ordinal);
        var levels = new Dictionary<string, int>(StringComparer.Ordinal);

        // The catalog rejects cycles at start-up, so the recursion ends.
        int LevelOf(TaskView task)
        {
            if (levels.TryGetValue(task.Name, out var known)) return known;
            var level = 1 + task.Upstream.Where(byName.ContainsKey).Select(u => LevelOf(byName[u])).DefaultIfEmpty(0).Max();
            levels[task.Name] = level;
            return level;
        }

        return tasks.Select((task, index) => (Level: LevelOf(task), Task: task, Index: index))
            .OrderBy(t => t.Level).ThenBy(t => t.Index)
            .Select(t => (t.Level, t.Task))
            .ToList();
    }
}
