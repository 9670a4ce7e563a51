using System.Threading.Channels;

namespace DataGateway.Catalog.Notifications;

/// <summary>
/// Tells the dispatcher which notifications were just committed for a webhook, so an answer never waits for a
/// receiver. Only a hint: the table is the queue (<c>webhook_state = 'pending'</c>), and the dispatcher reads it whole
/// at start, so a notification whose hint was lost in a restart is still sent.
/// </summary>
public sealed class WebhookQueue
{
    private readonly Channel<IReadOnlyList<long>> _channel = Channel.CreateUnbounded<IReadOnlyList<long>>(new UnboundedChannelOptions { SingleReader = true });

    public void Enqueue(IReadOnlyList<long> ids)
    {
        if (ids.Count > 0)
        {
            _channel.Writer.TryWrite(ids);
        }
    }

    internal ChannelReader<IReadOnlyList<long>> Reader => _channel.Reader;
}
