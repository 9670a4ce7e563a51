namespace DataGateway.Demo.Receivers;

/// <summary>
/// One district's control: the mode its next batches get, and how many more get it (null: until reset). Only
/// batches that reach the point of storing take a turn (authorized, well-formed), so a test's <c>times</c> counts
/// the worker's real attempts, not its mistakes.
/// </summary>
internal sealed class Misbehaviour
{
    private readonly object _gate = new();
    private ControlRequest _mode = ControlRequest.Ok;
    private int? _remaining;

    /// <summary>The mode in force and the turns it has left.</summary>
    public (ControlRequest Mode, int? Remaining) Current
    {
        get
        {
            lock (_gate)
            {
                return (_mode, _remaining);
            }
        }
    }

    public void Set(ControlRequest control)
    {
        lock (_gate)
        {
            _mode = control;
            _remaining = control.Mode == ControlModes.Ok ? null : control.Times;
        }
    }

    public void Reset() => Set(ControlRequest.Ok);

    /// <summary>The mode for this batch; uses up one of its turns, and after the last the receiver behaves again.</summary>
    public ControlRequest Take()
    {
        lock (_gate)
        {
            var mode = _mode;
            if (_remaining is { } remaining)
            {
                if (remaining <= 1)
                {
                    _mode = ControlRequest.Ok;
                    _remaining = null;
                }
                else
                {
                    _remaining = remaining - 1;
                }
            }

            return mode;
        }
    }
}
