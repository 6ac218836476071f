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
let received = false;

function fail(why) {
  console.error('FAILED: ' + why);
  process.exit(1);
}

// Once the message came back the round trip is done: the edge closes the connection on the
// client's DISCONNECT, and a write MQTT.js still makes then (EPIPE) is no failure of it.
client.on('error', (error) => (received ? process.exit(0) : fail(error.message)));
client.on('connect', () => {
  client.subscribe(topic, { qos: 1 }, (error) => {
    if (error) return fail(error.message);
    client.publish(topic, message, { qos: 1 });
  });
});
client.on('message', (topicReceived, payload) => {
  console.log('RECEIVED ' + topicReceived + ' ' + payload.toString());
  received = true;
  clearTimeout(timer);
  client.end(false, () => process.exit(0));
});
