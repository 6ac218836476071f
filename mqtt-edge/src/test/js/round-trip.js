// Connects MQTT.js to a WebSocket URL, subscribes, publishes to itself and prints what came back.
// Exit code 0 only when the message returned; the Java test reads the printed line.
const mqtt = require('mqtt');

const [url, topic, message, protocolVersion] = process.argv.slice(2);
const client = mqtt.connect(url, {
  protocolVersion: Number(protocolVersion || 4),
  clientId: 'mqttjs-' + Math.random().toString(16).slice(2),
  reconnectPeriod: 0,
  connectTimeout: 10000,
});
const timer = setTimeout(() => fail('no message within 20 s'), 20000);

function fail(why) {
  console.error('FAILED: ' + why);
  process.exit(1);
}

client.on('error', (error) => fail(error.message));
client.on('connect', () => {
  client.subscribe(topic, { qos: 1 }, (error) => {
    if (error) return fail(error.message);
    client.publish(topic, message, { qos: 1 });
  });
});
client.on('message', (received, payload) => {
  console.log('RECEIVED ' + received + ' ' + payload.toString());
  clearTimeout(timer);
  client.end(false, () => process.exit(0));
});
