/**
 * Word lists the generator draws realistic contacts from. Every company, domain and street is made up; email
 * domains end in `.example` (reserved, RFC 2606) so nothing here can reach a real inbox.
 */

export const FIRST_NAMES: readonly string[] = [
  'Olivia', 'Liam', 'Amara', 'Noah', 'Sofia', 'Mateo', 'Yuki', 'Kwame', 'Priya', 'Lucas', 'Chloé', 'Omar',
  'Ingrid', 'Diego', 'Mei', 'Tariq', 'Hannah', 'Ravi', 'Zoë', 'Søren', 'Aisha', 'Ethan', 'Leila', 'Jonas',
  'Camila', 'Hiroshi', 'Fatima', 'Benjamin', 'Nadia', 'Kai', 'Grace', 'Łukasz', 'Elena', 'Samuel', 'Ana',
  'Malik', 'Isabelle', 'Tomás', 'Chen', 'Maya', 'Oluwaseun', 'Freya', 'Andrés', 'Ines', 'Dmitri', 'Rosa',
  'Jamal', 'Astrid', 'Vikram', 'Nora', 'Emeka', 'Claire', 'Hamid', 'Lena', 'Rafael', 'June', 'Thanh', 'Elif',
];

export const LAST_NAMES: readonly string[] = [
  'Nguyen', 'Okafor', 'García', 'Smith', 'Müller', 'Tanaka', 'Johansson', 'Patel', 'Rossi', 'Kowalski',
  'Haddad', 'Silva', 'Kim', "O'Brien", 'Dubois', 'Mensah', 'Novak', 'Ivanova', 'Cohen', 'Fernández',
  'Lindqvist', 'Sato', 'Adeyemi', 'Martin', 'Chowdhury', 'Schmidt', 'Wong', 'Hernández', 'Berg', 'Costa',
  'Yilmaz', 'Murphy', 'Andersen', 'Rahman', 'Lopez', 'Nakamura', 'Walker', 'Petrov', 'Singh', 'Moreau',
  'Van der Berg', 'Abdi', 'Romero', 'Takahashi', 'Byrne', 'Jensen', 'Ali', 'Bianchi', 'Larsen', 'Díaz',
];

export const COMPANIES: readonly string[] = [
  'Northwind Traders', 'Blue Harbor Logistics', 'Cedar & Pine Dental', 'Brightpath Solar', 'Lumen Analytics',
  'Maple Street Bakery', 'Summit Property Group', 'Tidewater Marine', 'Orchard Health', 'Quarry Labs',
  'Redwood Legal LLP', 'Silverline Insurance', 'Atlas Freight Co.', 'Greenleaf Landscaping', 'Juniper Studios',
  'Ironclad Roofing', 'Harbor View Realty', 'Nimbus Cloudworks', 'Copper Kettle Catering', 'Keystone Plumbing',
  'Beacon Family Clinic', 'Polaris Robotics', 'Willow Creek Vets', 'Fjord Outfitters', 'Sable & Co. Accounting',
  'Riverbend Builders', 'Starling Travel', 'Meridian Capital', 'Foxglove Florists', 'Granite Peak Fitness',
];

export const ROLES: readonly string[] = [
  'CEO', 'Founder', 'Office Manager', 'Sales', 'Account Executive', 'Head of Operations', 'Engineer',
  'Product Manager', 'Customer Success', 'Procurement', 'CFO', 'Marketing Lead', 'Dispatcher', 'Owner',
  'Receptionist', 'Practice Manager', 'Broker', 'Paralegal', 'Site Supervisor', 'Designer',
];

export const PHONE_LABELS: readonly string[] = ['mobile', 'work', 'home', 'company phone', 'main', 'other'];

export const EMAIL_LABELS: readonly string[] = ['work', 'personal', 'company email', 'billing', 'other'];

/** North American area codes; numbers are built as +1 AAA 555 XXXX. */
export const AREA_CODES: readonly string[] = [
  '206', '212', '303', '305', '312', '404', '415', '503', '512', '602', '617', '646', '702', '713', '718',
  '720', '737', '786', '818', '917', '919', '929', '971', '416', '604', '514', '587',
];

export const STREETS: readonly string[] = [
  'Main St', 'Oak Ave', 'Market St', 'Harbor Blvd', 'Elm St', 'Mission St', 'Lakeshore Dr', 'King St W',
  'Congress Ave', 'Broadway', 'Pine St', 'Sunset Blvd',
];

export const CITIES: readonly string[] = [
  'Seattle, WA 98101', 'Austin, TX 78701', 'Denver, CO 80202', 'Boston, MA 02108', 'Chicago, IL 60601',
  'Portland, OR 97204', 'Miami, FL 33131', 'San Francisco, CA 94103', 'Toronto, ON M5V 2T6', 'Atlanta, GA 30303',
];

export const INTERESTS: readonly string[] = [
  'Newsletter', 'Beta program', 'Enterprise', 'Support plan', 'Webinars', 'Partner', 'Referral',
];

export const SOURCES: readonly string[] = ['public-api', 'csv-import', 'google-contacts', 'hubspot', 'salesforce'];
