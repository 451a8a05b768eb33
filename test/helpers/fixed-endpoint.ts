import {createServer, type Server} from 'node:http';
import type {AddressInfo} from 'node:net';

// An endpoint on 127.0.0.1 that answers every request with the next of the given answers (the last one for
// ever): for what the simulator will not send (a task without an id, two with one id, a hostile error message).

export interface FixedAnswer {
	status: number;
	body: string;
}

export interface FixedEndpoint {
	url: string;
	close(): Promise<void>;
}

export function startFixedEndpoint(answers: readonly FixedAnswer[]): Promise<FixedEndpoint> {
	let served = 0;
	const server: Server = createServer((request, response) => {
		request.resume();
		request.on('end', () => {
			const answer = answers[Math.min(served++, answers.length - 1)] ?? {status: 500, body: ''};
			response.writeHead(answer.status, {'content-type': 'text/xml;charset=UTF-8'});
			response.end(answer.body);
		});
	});
	return new Promise((resolve) => {
		server.listen(0, '127.0.0.1', () => {
			const {port} = server.address() as AddressInfo;
			resolve({url: `http://127.0.0.1:${port}`, close: () => new Promise((done) => server.close(() => done()))});
		});
	});
}

/** A DescribeImportImageTasks answer with these <item> bodies. */
export function taskList(items: readonly string[]): string {
	return `<?xml version="1.0" encoding="UTF-8"?>\n<DescribeImportImageTasksResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>r-0</requestId><importImageTaskSet>${items.map((item) => `<item>${item}</item>`).join('')}</importImageTaskSet></DescribeImportImageTasksResponse>`;
}

/** An EC2 error envelope. */
export function errorBody(code: string, message: string): string {
	return `<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error><Code>${code}</Code><Message>${message}</Message></Error></Errors><RequestID>r-1</RequestID></Response>`;
}
